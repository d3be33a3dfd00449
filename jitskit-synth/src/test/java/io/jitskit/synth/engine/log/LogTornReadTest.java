package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.StoreContractTest;
import io.jitskit.testsupport.TestKeys;
import io.jitskit.testsupport.VersionedValue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torn and stale reads under overwrites of the same and of different sizes, on a read-heavy zipfian card whose store
 * has a read cache and spills to disk, while the compactor moves records: readers verify every value's checksum
 * (a torn or misplaced value fails {@link VersionedValue#decode}), that its version was issued, that it is not older
 * than a write completed before the read began, and that it never goes back.
 */
class LogTornReadTest {

    private static final int KEYS = 4_000;
    private static final int MAX_BYTES = 160;
    private static final long RUN_MILLIS = 2_500;

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readersNeverSeeTornStaleOrInventedValuesUnderSameAndDifferentSizeOverwrites() throws Exception {
        final Spec spec = spec();
        run(spec, LogDesign.initial(spec));
    }

    /** The same with a cache that keeps only values up to half the largest: a key's reads alternate between paths. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCacheOfTheSmallerValuesOnlyServesNeitherTornNorStaleValues() throws Exception {
        final Spec spec = spec();
        run(spec, LogDesign.initial(spec).withCacheValueBytes(MAX_BYTES / 2));
    }

    private Spec spec() {
        return LogStoreFixture.spec("torn", KEYS, new SizeDistribution.Uniform(VersionedValue.MIN_BYTES,
                MAX_BYTES), LogStoreFixture.ALL_OPS, Durability.none(), LogStoreFixture.SPILLING_BUDGET,
            tempDir.resolve("store"), LogStoreFixture.mix(90, 10), new KeyDistribution.Zipfian(0.99));
    }

    private void run(final Spec spec, final LogDesign design) throws Exception {
        final long seed = Long.getLong(StoreContractTest.SEED_PROPERTY, new Random().nextLong());
        final Path dir = tempDir.resolve("store");
        assertTrue(design.cached(), "the card should get a read cache: " + design.describe());
        final int writers = 2;
        final int readers = 2;
        final AtomicLongArray issued = new AtomicLongArray(KEYS);
        final AtomicLongArray completed = new AtomicLongArray(KEYS);
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        try (Store store = LogStoreFixture.provider(spec, design).open(new StoreContext(spec, dir))) {
            try (Arena arena = Arena.ofConfined(); Session loader = store.openSession(writers + readers)) {
                final MemorySegment k = arena.allocate(TestKeys.ID_KEY_BYTES);
                final MemorySegment v = arena.allocate(MAX_BYTES);
                for (int key = 0; key < KEYS; key++) {
                    TestKeys.writeIdKey(k, key);
                    VersionedValue.encode(v.asSlice(0, MAX_BYTES), key, key % writers, 0);
                    loader.upsert(k, v);
                }
            }
            final List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                final int writer = w;
                threads.add(Thread.ofPlatform().name("torn-writer-" + w).start(() -> {
                    final Random random = new Random(seed * 31 + writer);
                    final int[] lastSize = new int[KEYS];
                    try (Arena local = Arena.ofConfined(); Session session = store.openSession(writer)) {
                        final MemorySegment k = local.allocate(TestKeys.ID_KEY_BYTES);
                        final MemorySegment v = local.allocate(MAX_BYTES);
                        while (running.get() && failures.isEmpty()) {
                            final int key = writer + writers * random.nextInt(KEYS / writers);
                            // Half the overwrites keep the size: the case a seqlock on an unchanged word misses.
                            final int size = lastSize[key] != 0 && random.nextBoolean() ? lastSize[key]
                                : VersionedValue.MIN_BYTES + random.nextInt(MAX_BYTES - VersionedValue.MIN_BYTES + 1);
                            lastSize[key] = size;
                            final long version = issued.get(key) + 1;
                            issued.set(key, version);
                            VersionedValue.encode(v.asSlice(0, size), key, writer, version);
                            TestKeys.writeIdKey(k, key);
                            session.upsert(k, v.asSlice(0, size));
                            completed.set(key, version);
                        }
                    } catch (final RuntimeException | Error e) {
                        failures.add("seed " + seed + ": writer " + writer + " failed: " + e);
                    }
                }));
            }
            for (int r = 0; r < readers; r++) {
                final int reader = r;
                threads.add(Thread.ofPlatform().name("torn-reader-" + r).start(() -> {
                    final Random random = new Random(seed * 17 + reader);
                    final long[] lastSeen = new long[KEYS];
                    try (Arena local = Arena.ofConfined(); Session session = store.openSession(writers + reader)) {
                        final MemorySegment k = local.allocate(TestKeys.ID_KEY_BYTES);
                        final MemorySegment out = local.allocate(MAX_BYTES);
                        while (running.get() && failures.isEmpty()) {
                            // Skewed like the card, so hot keys are read from ring and cache, cold ones from disk.
                            final int key = (int) Math.min(KEYS - 1, Math.abs(random.nextGaussian()) * KEYS / 4);
                            final long floor = completed.get(key);
                            TestKeys.writeIdKey(k, key);
                            final int length = session.read(k, out);
                            final VersionedValue.Stamp stamp = length < 0 ? null
                                : VersionedValue.decode(out, length, key);
                            final String where = "seed " + seed + ": reader " + reader + ", key " + key + ": ";
                            if (stamp == null) {
                                failures.add(where + (length < 0 ? "absent" : "torn or misplaced bytes, length "
                                    + length));
                            } else if (stamp.writer() != key % writers || stamp.version() > issued.get(key)) {
                                failures.add(where + "version " + stamp.version() + " by writer " + stamp.writer()
                                    + " was never issued");
                            } else if (stamp.version() < floor || stamp.version() < lastSeen[key]) {
                                failures.add(where + "read version " + stamp.version() + " after version "
                                    + Math.max(floor, lastSeen[key]) + " had completed or been seen");
                            } else {
                                lastSeen[key] = stamp.version();
                            }
                        }
                    } catch (final RuntimeException | Error e) {
                        failures.add("seed " + seed + ": reader " + reader + " failed: " + e);
                    }
                }));
            }
            TimeUnit.MILLISECONDS.sleep(RUN_MILLIS);
            running.set(false);
            for (final Thread t : threads) {
                t.join();
            }
            assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            // The race windows this test is about exist only if every read path ran.
            assertTrue(m.get("disk.preads") > 0 && m.get("cache.hit_ratio") > 0 && m.get("log.ring_hit_ratio") > 0
                && m.get("compaction.count") > 0, "seed " + seed + ": not every read path ran: " + m);
        }
    }
}
