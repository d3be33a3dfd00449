package io.jitskit.stores.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreFactory;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestKeys;
import io.jitskit.testsupport.TestSpecs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the reference store: its files, their recovery, and its reading of the spec. */
class ReferenceStoreTest {

    private static final int VALUE_BYTES = 32;

    @TempDir
    Path dir;

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void closeArena() {
        arena.close();
    }

    private Spec spec(final Durability durability) {
        return TestSpecs.small(durability, new SizeDistribution.Fixed(VALUE_BYTES), dir);
    }

    private Store open(final Spec spec) throws IOException {
        return new ReferenceStoreProvider().open(new StoreContext(spec, dir));
    }

    private MemorySegment key(final long id) {
        final MemorySegment key = arena.allocate(8);
        TestKeys.writeIdKey(key, id);
        return key;
    }

    private MemorySegment value(final long tag) {
        final MemorySegment value = arena.allocate(VALUE_BYTES);
        TestKeys.fill(value, 0, tag, 0, 0);
        return value;
    }

    private int read(final Session session, final long id) {
        return session.read(key(id), arena.allocate(VALUE_BYTES));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void isRegisteredUnderItsName() throws Exception {
        assertEquals(ReferenceStoreProvider.class, StoreFactory.find("reference").getClass());
    }

    @Test
    void withoutDurabilityNoFileIsWritten() throws IOException {
        final Path data = dir.resolve("data");
        try (Store store = new ReferenceStoreProvider().open(new StoreContext(spec(Durability.none()), data));
             Session session = store.openSession(0)) {
            session.upsert(key(1), value(1));
            assertEquals(Durability.Level.NONE, store.info().durability().level());
        }
        assertFalse(Files.exists(data));
    }

    @Test
    void infoReportsTheDurabilityGiven() throws IOException {
        final Durability commit = Durability.commit(Duration.ofMillis(7));
        try (Store store = open(spec(commit))) {
            assertEquals(commit, store.info().durability());
            assertEquals("reference", store.info().name());
        }
    }

    @Test
    void operationsTheRequirementsOmitAreUnsupportedButReadsAlwaysWork() throws IOException {
        final Spec readUpsert = TestSpecs.small(Durability.none(), new SizeDistribution.Fixed(VALUE_BYTES), dir,
            EnumSet.of(Operation.UPSERT));
        try (Store store = open(readUpsert); Session session = store.openSession(0)) {
            session.upsert(key(1), value(1));
            assertEquals(VALUE_BYTES, read(session, 1));
            final UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> session.rmw(key(1), 1, value(2)));
            assertTrue(e.getMessage().contains("rmw") && e.getMessage().contains("requirements.operations"),
                e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> session.delete(key(1)));
            assertThrows(UnsupportedOperationException.class, () -> session.insert(key(2), value(2)));
            assertEquals(2, session.serial(), "refused operations take no serial");
        }
    }

    @Test
    void rmwOnAValueWithoutRoomForACounterIsRefused() throws IOException {
        final Spec small = TestSpecs.small(Durability.none(), new SizeDistribution.Uniform(4, 64), dir);
        try (Store store = open(small); Session session = store.openSession(0)) {
            session.upsert(key(1), arena.allocate(4));
            assertThrows(StoreException.class, () -> session.rmw(key(1), 1, value(1)));
            assertThrows(StoreException.class, () -> session.rmw(key(2), 1, arena.allocate(4)));
            assertEquals(1, session.serial());
        }
    }

    @Test
    void aSecondStoreCannotOpenTheSameDirectory() throws IOException {
        final Store first = open(spec(Durability.checkpoint()));
        try {
            final IOException e = assertThrows(IOException.class, () -> open(spec(Durability.checkpoint())));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        } finally {
            first.close();
        }
    }

    @Test
    void underCheckpointDurabilityOperationsAfterTheLastCheckpointAreDropped() throws IOException {
        final Spec spec = spec(Durability.checkpoint());
        final Checkpoint checkpoint;
        try (Store store = open(spec); Session session = store.openSession(0)) {
            session.upsert(key(1), value(1));
            checkpoint = store.checkpoint();
            session.upsert(key(2), value(2));
            session.delete(key(1));
        }
        try (Store store = open(spec); Session session = store.openSession(0)) {
            assertEquals(checkpoint.id(), store.recovery().checkpointId());
            assertEquals(Map.of(0, 1L), store.recovery().serials());
            assertEquals(VALUE_BYTES, read(session, 1), "the delete came after the checkpoint");
            assertEquals(Session.NOT_FOUND, read(session, 2), "the upsert came after the checkpoint");
            // Numbering resumed at 1, so new records must not be confused with the dropped ones.
            session.upsert(key(3), value(3));
            store.checkpoint();
        }
        try (Store store = open(spec); Session session = store.openSession(0)) {
            assertEquals(4, store.recovery().serialOf(0), "1 + two reads + one upsert");
            assertEquals(Session.NOT_FOUND, read(session, 2));
            assertEquals(VALUE_BYTES, read(session, 3));
        }
    }

    /** Group commit so rare that it never runs during a test: the log's layout is then known to the byte. */
    private static final Durability COMMIT_AT_CLOSE_ONLY = Durability.commit(Duration.ofHours(1));

    @Test
    void underCommitDurabilityATornTailIsDroppedAndTheRestRecovered() throws IOException {
        final Spec spec = spec(COMMIT_AT_CLOSE_ONLY);
        try (Store store = open(spec); Session session = store.openSession(0)) {
            for (int i = 0; i < 10; i++) {
                session.upsert(key(i), value(i));
            }
        }
        final Path log = dir.resolve("log-0000000000.dat");
        final long recordBytes = LogRecord.recordLength(8, VALUE_BYTES);
        final long serialsBytes = LogRecord.recordLength(0, LogRecord.SERIAL_PAIR_BYTES);
        assertEquals(10 * recordBytes + serialsBytes, Files.size(log),
            "a clean close under COMMIT writes the whole log, then the sessions' serials");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(9 * recordBytes + recordBytes / 2); // the crash cut the tenth record in half
        }
        try (Store store = open(spec); Session session = store.openSession(0)) {
            assertEquals(9, store.recovery().serialOf(0));
            assertEquals(-1, store.recovery().checkpointId(), "no checkpoint: the state came from the log alone");
            assertEquals(VALUE_BYTES, read(session, 8));
            assertEquals(Session.NOT_FOUND, read(session, 9));
            session.upsert(key(20), value(20));
        }
        assertEquals(10 * recordBytes + serialsBytes, Files.size(log), "the torn half was cut before appending");
        try (Store store = open(spec); Session session = store.openSession(0)) {
            assertEquals(12, store.recovery().serialOf(0), "9 + two reads + the upsert");
            assertEquals(VALUE_BYTES, read(session, 20));
        }
    }

    @Test
    void underCommitDurabilityOperationsThatWroteNothingAreReportedToo() throws Exception {
        final Spec spec = spec(Durability.commit(Duration.ofMillis(2)));
        long recovered = -1;
        try (Store store = open(spec); Session session = store.openSession(0)) {
            session.upsert(key(1), value(1));
            read(session, 1);
            session.delete(key(2));
            session.insert(key(1), value(2));
            assertEquals(4, session.serial());
            // Crash images taken while the store runs: group commit must soon make all four durable.
            for (int attempt = 0; attempt < 500 && recovered != 4; attempt++) {
                Thread.sleep(10);
                final Path image = dir.resolveSibling(dir.getFileName() + "-image-" + attempt);
                copyDirectory(dir, image);
                try (Store copy = new ReferenceStoreProvider().open(new StoreContext(spec, image))) {
                    recovered = copy.recovery().serialOf(0);
                }
            }
        }
        assertEquals(4, recovered, "the read, the empty delete and the failed insert are reported as durable");
    }

    private static void copyDirectory(final Path from, final Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (final Path f : files.toList()) {
                if (!f.getFileName().toString().equals("LOCK")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    @Test
    void aCorruptedRecordStopsReplayAtTheLastIntactOne() throws IOException {
        final Spec spec = spec(COMMIT_AT_CLOSE_ONLY);
        try (Store store = open(spec); Session session = store.openSession(0)) {
            for (int i = 0; i < 5; i++) {
                session.upsert(key(i), value(i));
            }
        }
        final Path log = dir.resolve("log-0000000000.dat");
        final long recordBytes = LogRecord.recordLength(8, VALUE_BYTES);
        final byte[] bytes = Files.readAllBytes(log);
        bytes[(int) (3 * recordBytes + recordBytes - 1)] ^= 1; // flip a bit in the fourth record's value
        Files.write(log, bytes);
        try (Store store = open(spec); Session session = store.openSession(0)) {
            assertEquals(3, store.recovery().serialOf(0));
            assertEquals(Session.NOT_FOUND, read(session, 3));
            assertEquals(Session.NOT_FOUND, read(session, 4), "nothing after the damage is trusted");
        }
    }

    @Test
    void compactionWritesASnapshotAndDeletesTheOldGeneration() throws IOException {
        final Spec spec = spec(Durability.checkpoint());
        final long overwrites = ReferenceStore.COMPACTION_FLOOR_BYTES / LogRecord.recordLength(8, VALUE_BYTES) + 1;
        try (Store store = open(spec); Session session = store.openSession(0)) {
            for (long i = 0; i < overwrites; i++) {
                session.upsert(key(i % 10), value(i));
            }
            store.checkpoint();
            assertEquals(List.of("LOCK", "checkpoint.meta", "log-0000000001.dat", "snapshot-0000000001.dat"),
                files());
            final Map<String, Double> metrics = store.metrics().orElseThrow().snapshot();
            assertEquals(10.0, metrics.get("keys"));
            assertEquals(1.0, metrics.get("checkpoint.compactions"));
            assertEquals(0.0, metrics.get("log.bytes"), "the new log starts empty");
            session.delete(key(0));
            store.checkpoint();
        }
        try (Store store = open(spec); Session session = store.openSession(0)) {
            assertEquals(overwrites + 1, store.recovery().serialOf(0));
            assertEquals(Session.NOT_FOUND, read(session, 0), "the delete, replayed from the new log");
            for (long k = 1; k < 10; k++) {
                final MemorySegment out = arena.allocate(VALUE_BYTES);
                session.read(key(k), out);
                final long lastWrite = (overwrites - 1) - Math.floorMod(overwrites - 1 - k, 10);
                assertEquals(-1, out.mismatch(value(lastWrite)), "key " + k + " from the snapshot");
            }
        }
    }

    @Test
    void aDamagedCheckpointFileIsReportedByName() throws IOException {
        final Spec spec = spec(Durability.checkpoint());
        try (Store store = open(spec)) {
            store.checkpoint();
        }
        final Path metadata = dir.resolve(DataDirectory.METADATA);
        final byte[] bytes = Files.readAllBytes(metadata);
        bytes[10] ^= 1;
        Files.write(metadata, bytes);
        final IOException e = assertThrows(IOException.class, () -> open(spec));
        assertTrue(e.getMessage().contains(metadata.toString()) && e.getMessage().contains("checksum"),
            e.getMessage());
    }

    @Test
    void metricsCountKeysLogBytesAndCheckpoints() throws IOException {
        try (Store store = open(spec(Durability.checkpoint())); Session session = store.openSession(0)) {
            session.upsert(key(1), value(1));
            session.upsert(key(2), value(2));
            store.checkpoint();
            final Map<String, Double> metrics = store.metrics().orElseThrow().snapshot();
            assertEquals(2.0, metrics.get("keys"));
            assertEquals(2.0 * LogRecord.recordLength(8, VALUE_BYTES), metrics.get("log.bytes_written"));
            assertEquals(1.0, metrics.get("checkpoint.count"));
        }
    }
}
