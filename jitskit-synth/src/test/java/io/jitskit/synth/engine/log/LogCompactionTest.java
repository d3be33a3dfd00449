package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.StoreContractTest;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Space reclamation: overwriting a spilled key set twenty times over keeps the data directory bounded (the compactor
 * reclaims dead records instead of the log growing or wrapping), every key still reads its latest value, and the
 * store's files stay out of the page cache. With checkpoints, a reopen restores exactly the prefix of operations the
 * last checkpoint (the test's or the compactor's own) covers, though more writes and compactions followed it.
 */
class LogCompactionTest {

    private static final int KEYS = 3_000;
    private static final int VALUE_BYTES = 2_000;
    private static final int RECORD_BYTES = LogDesign.recordBytes(VALUE_BYTES);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {"none", "checkpoint"})
    void twentyTimesTheLiveDataInOverwritesKeepsTheDiskBoundedAndEveryLatestValue(final String level)
        throws IOException {
        final long seed = Long.getLong(StoreContractTest.SEED_PROPERTY, new Random().nextLong());
        final Durability durability = level.equals("none") ? Durability.none() : Durability.checkpoint();
        final Path dir = tempDir.resolve("store");
        // Uniform: the design keeps no read cache, so the log tails are all the memory values get (6 MB of data).
        final Spec spec = LogStoreFixture.spec("compaction-" + level, KEYS, new SizeDistribution.Fixed(VALUE_BYTES),
            LogStoreFixture.ALL_OPS, durability, LogStoreFixture.SPILLING_BUDGET, dir, LogStoreFixture.mix(50, 50),
            new KeyDistribution.Uniform());
        final LogDesign design = LogDesign.initial(spec);
        assertTrue(design.spills(), design.describe());
        final StoreProvider provider = LogStoreFixture.provider(spec);
        final long live = (long) KEYS * RECORD_BYTES;
        final long writes = 20 * live / RECORD_BYTES;
        // Writers wait at live / threshold x 1.5 + slack; on top come the compactor's own copies (it never waits) and
        // segments a checkpoint may still name (at most half the slack before the compactor checkpoints itself).
        final long bound = (long) (live / design.compactLiveFraction() * 1.5) + 2 * design.diskSlackBytes()
            + design.indexBytes();
        final long[] versions = new long[KEYS];
        final Random random = new Random(seed);
        long largest = 0;
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(VALUE_BYTES);
            final MemorySegment out = arena.allocate(VALUE_BYTES);
            Store store = provider.open(new StoreContext(spec, dir));
            try (Session session = store.openSession(0)) {
                for (long i = 0; i < writes; i++) {
                    // Keys 0..KEYS-1 first (the load), then a skewed stream of overwrites.
                    final int id = i < KEYS ? (int) i : (int) Math.min(KEYS - 1, Math.abs(random.nextGaussian()) * KEYS
                        / 3);
                    versions[id]++;
                    fill(key, value, id, versions[id]);
                    session.upsert(key, value);
                    if (i % 15_000 == 0) {
                        largest = Math.max(largest, directoryBytes(dir));
                        if (durability.isDurable()) {
                            store.checkpoint();
                        }
                    }
                }
                largest = Math.max(largest, directoryBytes(dir));
                verify(session, key, value, out, versions, KEYS, "seed " + seed + ", after the writes");
                if (durability.isDurable()) {
                    store.checkpoint();
                }
            }
            final Map<String, Double> metrics = store.metrics().orElseThrow().snapshot();
            assertTrue(metrics.get("compaction.count") > 0, "seed " + seed + ": no compaction ran: " + metrics);
            assertTrue(metrics.get("disk.preads") > 0, "seed " + seed + ": nothing was read from disk: " + metrics);
            final long resident = PageCache.residentBytes(dir);
            assertTrue(resident <= 64 * 1024, "seed " + seed + ": " + resident + " bytes of the store's files sit in "
                + "the page cache, which the budget charges; O_DIRECT (or the fadvise fallback) must keep them out");
            if (durability.isDurable()) {
                // close() does not checkpoint, so the next open restores a checkpoint as after a crash: ours, or a
                // later one the compactor took itself to release segments. Either way the state is exactly the
                // session's first `recovered` operations, which the ids written since ours let us replay.
                final long[] checkpointed = versions.clone();
                final int[] since = new int[2 * KEYS];
                final long serial;
                try (Session session = store.openSession(0)) {
                    serial = session.serial();
                    for (int i = 0; i < since.length; i++) {
                        final int id = random.nextInt(KEYS);
                        since[i] = id;
                        versions[id]++;
                        fill(key, value, id, versions[id]);
                        session.upsert(key, value);
                    }
                }
                store.close();
                store = provider.open(new StoreContext(spec, dir));
                final long recovered = store.recovery().serialOf(0);
                assertTrue(recovered >= serial && recovered <= serial + since.length, "seed " + seed
                    + ": recovered serial " + recovered + " is outside [" + serial + ", " + (serial + since.length)
                    + "]");
                for (int i = 0; i < recovered - serial; i++) {
                    checkpointed[since[i]]++;
                }
                try (Session session = store.openSession(0)) {
                    verify(session, key, value, out, checkpointed, KEYS, "seed " + seed + ", after reopening at serial "
                        + recovered + " (checkpointed at " + serial + ")");
                }
            }
            store.close();
        }
        final long observed = largest;
        assertTrue(observed <= bound, () -> "seed " + seed + ": the data directory reached " + observed
            + " bytes for " + live + " live bytes (bound " + bound + ") after " + writes + " writes");
    }

    /**
     * A hot set of eight keys rewritten over many segments leaves sealed segments with no live record; the compactor
     * drops them without reading them (their live count is exact once sealed), and the eight latest values survive
     * that, the checkpoints taken meanwhile and a reopen.
     */
    @Test
    void segmentsWithNoLiveRecordAreDroppedUnreadAndTheHotKeysKeepTheirLatestValues() throws IOException {
        final long seed = Long.getLong(StoreContractTest.SEED_PROPERTY, new Random().nextLong());
        final Path dir = tempDir.resolve("hot");
        final Spec spec = LogStoreFixture.spec("compaction-hot", KEYS, new SizeDistribution.Fixed(VALUE_BYTES),
            LogStoreFixture.ALL_OPS, Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, dir,
            LogStoreFixture.mix(50, 50), new KeyDistribution.Uniform());
        final LogDesign design = LogDesign.initial(spec);
        final StoreProvider provider = LogStoreFixture.provider(spec);
        final int hot = 8;
        final long writes = 12 * design.segmentBytes() / RECORD_BYTES;
        final long[] versions = new long[KEYS];
        final Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment value = arena.allocate(VALUE_BYTES);
            final MemorySegment out = arena.allocate(VALUE_BYTES);
            Map<String, Double> metrics;
            try (Store store = provider.open(new StoreContext(spec, dir))) {
                try (Session session = store.openSession(0)) {
                    for (long i = 0; i < writes; i++) {
                        final int id = random.nextInt(hot);
                        fill(key, value, id, ++versions[id]);
                        session.upsert(key, value);
                        if (i % 20_000 == 0) {
                            store.checkpoint();
                        }
                    }
                    verify(session, key, value, out, versions, hot, "seed " + seed + ", after the writes");
                    store.checkpoint();
                }
                metrics = store.metrics().orElseThrow().snapshot();
            }
            assertTrue(metrics.get("compaction.dropped_unread") > 0, "seed " + seed + ": every compaction read its "
                + "victim, though " + hot + " keys leave whole segments dead: " + metrics);
            try (Store store = provider.open(new StoreContext(spec, dir)); Session session = store.openSession(0)) {
                verify(session, key, value, out, versions, hot, "seed " + seed + ", after reopening");
            }
        }
    }

    private static void fill(final MemorySegment key, final MemorySegment value, final int id, final long version) {
        key.set(LONG, 0, 0x9E37_79B9_7F4A_7C15L * (id + 1));
        for (int at = 0; at + 8 <= VALUE_BYTES; at += 8) {
            value.set(LONG, at, id * 31L + version * 1_000_003L + at);
        }
    }

    /** Keys below {@code written} read their latest version; the rest were never written and read absent. */
    private static void verify(final Session session, final MemorySegment key, final MemorySegment expected,
                               final MemorySegment out, final long[] versions, final int written, final String where) {
        for (int id = 0; id < versions.length; id++) {
            fill(key, expected, id, versions[id]);
            final int length = session.read(key, out);
            if (id >= written) {
                assertEquals(Session.NOT_FOUND, length, where + ": key " + id + " was never written");
                continue;
            }
            assertEquals(VALUE_BYTES, length, where + ": key " + id + " length");
            final int k = id;
            assertEquals(-1, out.mismatch(expected), () -> where + ": key " + k + " is not at version "
                + versions[k]);
        }
    }

    private static long directoryBytes(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (final IOException e) {
                    return 0; // deleted while listed
                }
            }).sum();
        }
    }
}
