package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreProvider;
import io.jitskit.gate.Parallel;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens at the edges of the sized capacity: a full index, tombstone churn, a card the store cannot serve. */
class GeneratedStoreCapacityTest {

    @TempDir
    Path dir;

    /**
     * 56 keys rewritten with sizes drawn from 1 B..1 MiB by two sessions: each rewrite changes size class, so the
     * slab's free chunks scatter over every class. Before geometric classes, batch-limited pool transfers and larger
     * chunks serving smaller classes, this filled a 200 MiB slab with 28 MiB live within 700 writes.
     */
    @Test
    void aFewKeysOfWidelySpreadSizesNeverRunTheSlabFull() throws Exception {
        final long seed = System.nanoTime();
        final Spec spec = Cards.spec("wide", 52, new SizeDistribution.Uniform(1, 1 << 20), Cards.ALL_OPS,
            Durability.none(), 256L << 20);
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir)) {
            try {
                Parallel.run("wide", 2, id -> {
                    final SplittableRandom rnd = new SplittableRandom(seed + id);
                    try (Arena arena = Arena.ofConfined(); Session s = store.openSession(id)) {
                        final MemorySegment key = arena.allocate(8);
                        final MemorySegment value = arena.allocate(1 << 20);
                        for (int i = 0; i < 20_000; i++) {
                            key.set(StoreFixture.LE, 0, rnd.nextInt(56) * 0x9E37_79B9_7F4A_7C15L);
                            if (rnd.nextInt(100) < 2) {
                                s.delete(key);
                            } else {
                                s.upsert(key, value.asSlice(0, rnd.nextInt(1, (1 << 20) + 1)));
                            }
                        }
                    }
                });
            } catch (final StoreException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
            final double slab = store.metrics().orElseThrow().snapshot().get("slab.bytes");
            assertTrue(slab <= 128 << 20, "seed " + seed + ": the slab grew to " + slab + " bytes for 56 keys of"
                + " at most 1 MiB");
        }
    }

    @Test
    void aFullIndexRefusesTheClaimLoudlyAndKeepsEveryAcceptedKey() throws Exception {
        final Spec spec = Cards.spec("full", 500, new SizeDistribution.Fixed(16),
            EnumSet.of(Operation.READ, Operation.UPSERT), Durability.none(), Cards.GIB);
        final Design design = Design.initial(spec);
        final long seed = System.nanoTime();
        final SplittableRandom rnd = new SplittableRandom(seed);
        final List<Long> accepted = new ArrayList<>();
        StoreException refusal = null;
        try (Store store = StoreFixture.open(spec, design, dir);
             Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(16);
            for (int i = 0; i < design.slotCount() + 10 && refusal == null; i++) {
                final long k = rnd.nextLong();
                key.set(StoreFixture.LE, 0, k);
                value.set(StoreFixture.LE, 0, k);
                try {
                    s.upsert(key, value);
                    accepted.add(k);
                } catch (final StoreException e) {
                    refusal = e;
                }
            }
            assertNotNull(refusal, "seed " + seed + ": the index never filled");
            assertTrue(refusal.getMessage().contains("workload.keys"), refusal.getMessage());
            assertTrue(accepted.size() >= spec.workload().keyCount(), "seed " + seed + ": only " + accepted.size()
                + " keys fit a store sized for " + spec.workload().keyCount());
            final MemorySegment out = arena.allocate(16);
            for (final long k : accepted) {
                key.set(StoreFixture.LE, 0, k);
                assertEquals(16, s.read(key, out), "seed " + seed + ": accepted key lost");
                assertEquals(k, out.get(StoreFixture.LE, 0), "seed " + seed);
            }
        }
    }

    @Test
    void aTimeOrderedInsertDeleteWindowReusesTombstonesAndNeverFills() throws Exception {
        final int window = 2_000;
        final Spec spec = Cards.spec("window", window, new SizeDistribution.Fixed(24),
            EnumSet.of(Operation.READ, Operation.INSERT, Operation.DELETE), Durability.none(), Cards.GIB, 2,
            Cards.mix(Map.of(Operation.INSERT, 50.0, Operation.DELETE, 50.0)), new KeyDistribution.TimeOrder());
        final Design design = Design.initial(spec);
        final long seed = System.nanoTime();
        final SplittableRandom rnd = new SplittableRandom(seed);
        try (Store store = StoreFixture.open(spec, design, dir);
             Arena arena = Arena.ofConfined()) {
            // Closed by hand before the metrics are read: a closing session publishes its counters.
            final Session s = store.openSession(0);
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(24);
            final ArrayDeque<Long> live = new ArrayDeque<>();
            // Forty times the window's worth of fresh keys: the used-slot bound would trip without tombstone reuse.
            for (int i = 0; i < 40 * window; i++) {
                if (live.size() == window) {
                    key.set(StoreFixture.LE, 0, live.removeFirst());
                    assertTrue(s.delete(key), "seed " + seed + ": delete of a live key");
                }
                final long k = rnd.nextLong();
                key.set(StoreFixture.LE, 0, k);
                value.set(StoreFixture.LE, 0, k);
                assertTrue(s.insert(key, value), "seed " + seed + ": insert of a fresh key");
                live.addLast(k);
            }
            final MemorySegment out = arena.allocate(24);
            for (final long k : live) {
                key.set(StoreFixture.LE, 0, k);
                assertEquals(24, s.read(key, out), "seed " + seed);
                assertEquals(k, out.get(StoreFixture.LE, 0), "seed " + seed);
            }
            s.close();
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            assertEquals(window, m.get("index.live_keys"), 0.0);
            assertTrue(m.get("index.used_slots") <= design.maxUsedSlotsPerShard() * design.shards(), m.toString());
        }
    }

    /**
     * Session a reserves a claim budget with one insert and sits idle while session b churns until the index is
     * compacted. The compaction recounts the slots in use; a's budget, reserved against the old count, must neither be
     * spent uncounted nor returned into the new count (which drove the used-slot count below the live keys, and below
     * 0).
     */
    @Test
    void aClaimBudgetReservedBeforeACompactionIsNotCountedTwice() throws Exception {
        final Spec spec = Cards.spec("recount", 2_000, new SizeDistribution.Fixed(16),
            EnumSet.of(Operation.READ, Operation.INSERT, Operation.DELETE), Durability.none(), Cards.GIB);
        final long seed = System.nanoTime();
        final SplittableRandom rnd = new SplittableRandom(seed);
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir);
             Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(16);
            final Session a = store.openSession(0);
            key.set(StoreFixture.LE, 0, 42);
            assertTrue(a.insert(key, value));
            final Session b = store.openSession(1);
            final ArrayDeque<Long> window = new ArrayDeque<>();
            for (int i = 0; i < 2_000_000 && store.metrics().orElseThrow().snapshot().get("index.compactions") < 2;
                 i++) {
                if (window.size() == 1_500) {
                    key.set(StoreFixture.LE, 0, window.removeFirst());
                    assertTrue(b.delete(key), "seed " + seed);
                }
                final long k = rnd.nextLong() | 1L << 63;
                key.set(StoreFixture.LE, 0, k);
                assertTrue(b.insert(key, value), "seed " + seed);
                window.addLast(k);
            }
            assertTrue(store.metrics().orElseThrow().snapshot().get("index.compactions") >= 2,
                "seed " + seed + ": the churn never compacted the index twice");
            for (final long k : window) {
                key.set(StoreFixture.LE, 0, k);
                assertTrue(b.delete(key), "seed " + seed);
            }
            b.close();
            a.close();
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            assertEquals(1, m.get("index.live_keys"), 0.0, "seed " + seed);
            assertTrue(m.get("index.used_slots") >= 1, "seed " + seed + ": " + m);
        }
    }

    @Test
    void theProviderSaysWithFiguresWhenACardDoesNotFitOrDoesNotMatch() {
        final Spec spec = Cards.spec("fits", 10_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.checkpoint(), 64 * Cards.MIB);
        final StoreProvider p = StoreFixture.provider(spec, Design.initial(spec));
        assertEquals(null, p.unsupportedReason(new StoreContext(spec, dir)));
        final Spec small = spec.withEnvironment(new io.jitskit.spec.Environment(2 * Cards.MIB, 0.2, 2, null,
            io.jitskit.spec.Environment.Medium.NVME, List.of()));
        final String tooSmall = p.unsupportedReason(new StoreContext(small, dir));
        assertNotNull(tooSmall);
        assertTrue(tooSmall.startsWith("data does not fit the usable budget: 10,000 keys need"), tooSmall);
        final Spec otherSizes = spec.withWorkload(spec.workload().scaled(10_000, spec.workload().run()));
        assertEquals(null, p.unsupportedReason(new StoreContext(otherSizes, dir)));
        final Spec more = spec.withWorkload(spec.workload().scaled(1_000_000, spec.workload().run()));
        assertTrue(p.unsupportedReason(new StoreContext(more, dir)).startsWith("workload.keys"));
        final Spec none = Cards.spec("fits", 10_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.commit(java.time.Duration.ofMillis(5)), 64 * Cards.MIB);
        assertTrue(p.unsupportedReason(new StoreContext(none, dir)).startsWith("requirements.durability"));
        final Spec bimodal = Cards.spec("fits", 10_000, new SizeDistribution.Bimodal(20, 200, 0.9), Cards.ALL_OPS,
            Durability.checkpoint(), 64 * Cards.MIB);
        assertTrue(p.unsupportedReason(new StoreContext(bimodal, dir)).startsWith("workload.values"));
        final Spec readOnly = Cards.spec("fits", 10_000, new SizeDistribution.Fixed(100),
            EnumSet.of(Operation.READ, Operation.UPSERT), Durability.checkpoint(), 64 * Cards.MIB);
        final StoreProvider limited = StoreFixture.provider(readOnly, Design.initial(readOnly));
        assertTrue(limited.unsupportedReason(new StoreContext(spec, dir)).startsWith("requirements.operations"));
        assertEquals(OperationMix.readUpsert(50), spec.workload().mix());
    }
}
