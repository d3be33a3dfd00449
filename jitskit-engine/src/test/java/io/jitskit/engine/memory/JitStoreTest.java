package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestKeys;
import io.jitskit.testsupport.TestSpecs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory store on the in-tree default {@code StoreConfig}, beyond the contract: the index under deletes of
 * ever-new keys (tombstone purge and compaction), and rmw counters from concurrent sessions that stay exact across
 * checkpoints taken while they run and across a reopen (the default config logs every operation, so a clean close
 * keeps them all).
 */
class JitStoreTest {

    @TempDir
    Path dir;

    private Spec spec() {
        return TestSpecs.small(StoreConfig.DURABILITY, new SizeDistribution.Fixed(64), dir,
            EnumSet.allOf(Operation.class));
    }

    private Store open() throws IOException {
        return new JitStoreProvider().open(new StoreContext(spec(), dir));
    }

    @Test
    @Timeout(120)
    void deletesOfEverNewKeysKeepTheIndexWithinItsBound() throws IOException {
        // Three times the index's used-slot bound of distinct keys pass through; one in 64 stays.
        final long keys = 3 * SlotLayout.MAX_USED_SLOTS_PER_SHARD * SlotLayout.SHARDS;
        try (Store store = open(); Arena arena = Arena.ofConfined(); Session session = store.openSession(0)) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(64);
            final MemorySegment out = arena.allocate(64);
            for (long k = 0; k < keys; k++) {
                TestKeys.writeIdKey(key, k);
                value.set(TestKeys.LONG_LE, 0, k);
                session.upsert(key, value);
                if (k % 64 != 0) {
                    assertTrue(session.delete(key), "key " + k);
                }
            }
            for (long k = 0; k < keys; k++) {
                TestKeys.writeIdKey(key, k);
                if (k % 64 == 0) {
                    assertEquals(64, session.read(key, out), "kept key " + k);
                    assertEquals(k, out.get(TestKeys.LONG_LE, 0), "kept key " + k);
                } else {
                    assertEquals(Session.NOT_FOUND, session.read(key, out), "deleted key " + k);
                }
            }
            final double used = store.metrics().orElseThrow().snapshot().get("index.used_slots");
            assertTrue(used <= SlotLayout.MAX_USED_SLOTS_PER_SHARD * SlotLayout.SHARDS, "used slots " + used);
        }
    }

    @Test
    @Timeout(120)
    void rmwCountersFromConcurrentSessionsStayExactAcrossCheckpointsAndReopen() throws Exception {
        final long seed = System.nanoTime();
        final int sessions = 2;
        final int counters = 32;
        final AtomicLongArray added = new AtomicLongArray(counters);
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Checkpoint> checkpoints = new ArrayList<>();
        try (Store store = open()) {
            final List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                final int id = s;
                threads.add(Thread.ofPlatform().name("rmw-" + s).start(() -> {
                    final SplittableRandom random = new SplittableRandom(seed + id);
                    try (Arena arena = Arena.ofConfined(); Session session = store.openSession(id)) {
                        final MemorySegment key = arena.allocate(8);
                        final MemorySegment initial = arena.allocate(64);
                        while (running.get()) {
                            final int c = random.nextInt(counters);
                            TestKeys.writeIdKey(key, c);
                            session.rmw(key, 1, initial);
                            added.incrementAndGet(c);
                        }
                    } catch (final RuntimeException | Error e) {
                        failures.add("seed " + seed + ": session " + id + ": " + e);
                    }
                }));
            }
            for (int i = 0; i < 10; i++) {
                TimeUnit.MILLISECONDS.sleep(20);
                checkpoints.add(store.checkpoint());
            }
            running.set(false);
            for (final Thread t : threads) {
                t.join();
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        for (int i = 1; i < checkpoints.size(); i++) {
            for (int s = 0; s < sessions; s++) {
                assertTrue(checkpoints.get(i).serialOf(s) >= checkpoints.get(i - 1).serialOf(s),
                    "seed " + seed + ": checkpoint serials of session " + s + " went back");
            }
        }
        try (Store store = open(); Arena arena = Arena.ofConfined(); Session session = store.openSession(9)) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment out = arena.allocate(64);
            long total = 0;
            for (int c = 0; c < counters; c++) {
                TestKeys.writeIdKey(key, c);
                final long expected = added.get(c);
                if (expected == 0) {
                    assertEquals(Session.NOT_FOUND, session.read(key, out), "seed " + seed + ": counter " + c);
                    continue;
                }
                assertEquals(64, session.read(key, out), "seed " + seed + ": counter " + c);
                assertEquals(expected, out.get(TestKeys.LONG_LE, 0), "seed " + seed + ": counter " + c
                    + " after a clean close and reopen");
                total += expected;
            }
            assertEquals(total, store.recovery().serialOf(0) + store.recovery().serialOf(1),
                "seed " + seed + ": every rmw is one serial, and a clean close keeps them all");
        }
    }
}
