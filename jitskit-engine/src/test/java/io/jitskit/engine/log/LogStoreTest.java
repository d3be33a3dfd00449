package io.jitskit.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.StoreContext;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.Workload;
import io.jitskit.testsupport.TestSpecs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store put together against the in-tree default config (64 KiB tails, 16 KiB pages, 64 KiB segments): values
 * come back from the ring, the cache and the disk; a reopened store holds its last checkpoint; compaction keeps an
 * overwritten hot set's disk bounded; the provider names the card field a store cannot serve.
 */
class LogStoreTest {

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    @TempDir
    Path dir;

    private Spec spec(final long keys) {
        final Spec s = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Uniform(8, 128), dir);
        final Workload w = s.workload();
        return s.withWorkload(new Workload(keys, w.keyFormat(), w.valueSizes(), w.mix(), w.distribution(),
            w.temporal(), w.load(), w.run(), w.trace()));
    }

    private LogStore open() throws IOException {
        return new LogStore(new StoreContext(spec(20_000), dir));
    }

    /** A value of {@code length} bytes that names its key and version in every 8-byte word it has. */
    private static void fill(final MemorySegment value, final long key, final long version, final int length) {
        for (int i = 0; i + 8 <= length; i += 8) {
            value.set(LONG, i, key * 31 + version * 7 + i);
        }
        for (int i = length & ~7; i < length; i++) {
            value.set(ValueLayout.JAVA_BYTE, i, (byte) (key + version + i));
        }
    }

    private static int lengthOf(final long key, final long version) {
        return 8 + (int) Math.floorMod(key * 13 + version * 5, 121L);
    }

    private static void assertValue(final Session s, final long key, final long version, final MemorySegment k,
                                    final MemorySegment expected, final MemorySegment out, final long seed) {
        k.set(LONG, 0, key);
        final int length = lengthOf(key, version);
        fill(expected, key, version, length);
        assertEquals(length, s.read(k, out), "seed " + seed + ": key " + key);
        assertEquals(-1L, expected.asSlice(0, length).mismatch(out.asSlice(0, length)), "seed " + seed + ": key "
            + key + " version " + version);
    }

    @Test
    void valuesComeBackFromTheRingTheCacheAndTheDisk() throws IOException {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        try (LogStore store = open(); Arena arena = Arena.ofConfined()) {
            final MemorySegment k = arena.allocate(8);
            final MemorySegment v = arena.allocate(128);
            final MemorySegment out = arena.allocate(128);
            final Session s = store.openSession(0);
            final int keys = 10_000;
            for (long key = 0; key < keys; key++) {
                k.set(LONG, 0, key);
                final int length = lengthOf(key, 0);
                fill(v, key, 0, length);
                s.upsert(k, v.asSlice(0, length));
            }
            for (int i = 0; i < 3 * keys; i++) {
                assertValue(s, random.nextLong(keys), 0, k, v, out, seed);
            }
            k.set(LONG, 0, keys + 5);
            assertEquals(Session.NOT_FOUND, s.read(k, out));
            assertThrows(ValueSizeException.class, () -> s.upsert(k, v.asSlice(0, 7)));
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            assertTrue(m.get("disk.preads") > 0, "seed " + seed + ": " + m);
            assertTrue(m.get("log.ring_hit_ratio") > 0, "seed " + seed + ": " + m);
            assertTrue(m.get("cache.hit_ratio") > 0, "seed " + seed + ": " + m);
            assertEquals(keys, m.get("keys"), "seed " + seed + ": " + m);
            assertEquals(4L * keys + 1, s.serial(), "a rejected operation takes no serial");
        }
    }

    @Test
    void aReopenedStoreHoldsItsLastCheckpointAndNotWhatFollowed() throws IOException {
        final int keys = 3_000;
        final long serialAtCheckpoint;
        try (LogStore store = open(); Arena arena = Arena.ofConfined()) {
            final MemorySegment k = arena.allocate(8);
            final MemorySegment v = arena.allocate(128);
            final Session s = store.openSession(1);
            for (int version = 0; version < 2; version++) {
                for (long key = 0; key < keys; key++) {
                    k.set(LONG, 0, key);
                    fill(v, key, version, lengthOf(key, version));
                    s.upsert(k, v.asSlice(0, lengthOf(key, version)));
                }
            }
            k.set(LONG, 0, 17);
            assertTrue(s.delete(k));
            final Checkpoint c = store.checkpoint();
            serialAtCheckpoint = s.serial();
            assertEquals(serialAtCheckpoint, c.serials().get(1));
            for (long key = 0; key < keys; key++) {
                k.set(LONG, 0, key);
                fill(v, key, 9, lengthOf(key, 9));
                s.upsert(k, v.asSlice(0, lengthOf(key, 9)));
            }
        }
        try (LogStore store = open(); Arena arena = Arena.ofConfined()) {
            assertEquals(serialAtCheckpoint, store.recovery().serials().get(1));
            final MemorySegment k = arena.allocate(8);
            final MemorySegment v = arena.allocate(128);
            final MemorySegment out = arena.allocate(128);
            final Session s = store.openSession(1);
            assertEquals(serialAtCheckpoint, s.serial(), "the session resumes at its recovered serial");
            for (long key = 0; key < keys; key++) {
                if (key == 17) {
                    k.set(LONG, 0, key);
                    assertEquals(Session.NOT_FOUND, s.read(k, out), "the delete was checkpointed");
                } else {
                    assertValue(s, key, 1, k, v, out, 0);
                }
            }
        }
    }

    @Test
    void overwritingAHotSetKeepsTheDiskBoundedThroughCompaction() throws IOException {
        try (LogStore store = open(); Arena arena = Arena.ofConfined()) {
            final MemorySegment k = arena.allocate(8);
            final MemorySegment v = arena.allocate(128);
            final MemorySegment out = arena.allocate(128);
            final Session s = store.openSession(0);
            final int keys = 500;
            double largestDisk = 0;
            for (int version = 0; version < 200; version++) {
                for (long key = 0; key < keys; key++) {
                    k.set(LONG, 0, key);
                    fill(v, key, version, lengthOf(key, version));
                    s.upsert(k, v.asSlice(0, lengthOf(key, version)));
                }
                largestDisk = Math.max(largestDisk, store.metrics().orElseThrow().snapshot().get("disk.bytes"));
            }
            for (long key = 0; key < keys; key++) {
                assertValue(s, key, 199, k, v, out, 0);
            }
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            // About 13 MiB were written; live data is under 100 KiB, the bound 1.5 / 0.5 of it plus 1 MiB of slack.
            assertTrue(m.get("compaction.count") > 0, m.toString());
            assertTrue(largestDisk < 4 << 20, "disk grew to " + largestDisk + ": " + m);
        }
    }

    @Test
    void rmwCountsFromTheInitialValueAndADeletedKeyReadsAbsent() throws IOException {
        try (LogStore store = open(); Arena arena = Arena.ofConfined()) {
            final MemorySegment k = arena.allocate(8);
            final MemorySegment initial = arena.allocate(16);
            final MemorySegment out = arena.allocate(128);
            initial.set(LONG, 0, 100);
            final Session s = store.openSession(0);
            k.set(LONG, 0, 42);
            assertEquals(101, s.rmw(k, 1, initial));
            assertEquals(106, s.rmw(k, 5, initial));
            assertEquals(16, s.read(k, out));
            assertEquals(106, out.get(LONG, 0));
            assertTrue(s.delete(k));
            assertEquals(Session.NOT_FOUND, s.read(k, out));
            assertEquals(103, s.rmw(k, 3, initial), "an absent key starts again from the initial value");
            assertTrue(s.insert(arena.allocate(8).fill((byte) 1), initial));
        }
    }

    @Test
    void theProviderNamesTheCardFieldTheStoreCannotServe() {
        final LogStoreProvider provider = new LogStoreProvider();
        assertNull(provider.unsupportedReason(new StoreContext(spec(20_000), dir)));
        final String keys = provider.unsupportedReason(new StoreContext(spec(StoreConfig.KEY_CAPACITY + 1), dir));
        assertTrue(keys.startsWith("workload.keys:"), keys);
        final Spec wide = spec(1000);
        final String values = provider.unsupportedReason(new StoreContext(wide.withWorkload(
            wide.workload().withKeysAndValues(wide.workload().keyFormat(), new SizeDistribution.Fixed(200))), dir));
        assertTrue(values.startsWith("workload.values:"), values);
    }
}
