package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLogTest {

    @TempDir
    Path dir;

    /** A replayed record, with its value bytes copied out of the mapped file (as hex, so records compare by value). */
    record Replayed(int kind, int session, long serial, long key, long version, String value, long delta) {

        Replayed(final int kind, final int session, final long serial, final long key, final long version,
                 final byte[] value, final long delta) {
            this(kind, session, serial, key, version, HexFormat.of().formatHex(value), delta);
        }
    }

    @Test
    void recordsComeBackInOrderAcrossRingWrapsWithEachFramesWatermark() throws Exception {
        final long seed = System.nanoTime();
        System.out.println("SessionLogTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Replayed> written = new ArrayList<>();
        final SessionLog log = new SessionLog(3);
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment value = arena.allocate(256);
            long serial = 0;
            long logged = 0;
            // Several times the ring's bytes, flushed every few records, so records meet the ring's end.
            while (logged < 6L * SessionLog.RING_BYTES) {
                final int kind = 1 + random.nextInt(3);
                final long key = random.nextLong();
                final long version = random.nextLong(1L << 40);
                serial++;
                switch (kind) {
                    case SessionLog.UPSERT -> {
                        final int len = random.nextInt(1, 257);
                        for (int i = 0; i < len; i++) {
                            value.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
                        }
                        log.appendUpsert(serial, key, version, value, len, false, 0);
                        written.add(new Replayed(kind, 3, serial, key, version,
                            value.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE), 0));
                        logged += SessionLog.RECORD_HEADER_BYTES + len;
                    }
                    case SessionLog.DELETE -> {
                        log.appendDelete(serial, key, version);
                        written.add(new Replayed(kind, 3, serial, key, version, new byte[0], 0));
                        logged += SessionLog.RECORD_HEADER_BYTES;
                    }
                    default -> {
                        final long delta = random.nextLong();
                        log.appendDelta(serial, key, version, delta);
                        written.add(new Replayed(kind, 3, serial, key, version, new byte[0], delta));
                        logged += SessionLog.RECORD_HEADER_BYTES + 8;
                    }
                }
                if (random.nextInt(8) == 0) {
                    flush(log, 0, serial);
                }
            }
            flush(log, 0, serial);
            log.closeFile();
            final Map<Integer, Long> watermarks = new HashMap<>();
            final List<Replayed> replayed = replay(0, watermarks);
            assertEquals(written, replayed, "seed " + seed);
            assertEquals(Map.of(3, serial), watermarks, "seed " + seed);
        } finally {
            log.free();
        }
    }

    @Test
    void aTornFrameEndsItsFileAndEverythingBeforeItSurvives() throws Exception {
        final SessionLog log = new SessionLog(0);
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment value = arena.allocate(64);
            log.appendUpsert(1, 10, 1, value, 64, false, 0);
            flush(log, 5, 1);
            log.appendUpsert(2, 11, 1, value, 64, false, 0);
            flush(log, 5, 2);
            log.closeFile();
        } finally {
            log.free();
        }
        final Path file = dir.resolve(SessionLog.fileName(5, 0));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        final Map<Integer, Long> watermarks = new HashMap<>();
        final List<Replayed> replayed = replay(5, watermarks);
        assertEquals(1, replayed.size());
        assertEquals(10, replayed.get(0).key());
        assertEquals(Map.of(0, 1L), watermarks);
        assertTrue(replay(6, null).isEmpty(), "an older epoch than asked for is not replayed");
    }

    @Test
    void aFrameWithoutRecordsStillCarriesTheWatermark() throws Exception {
        final SessionLog log = new SessionLog(1);
        try {
            flush(log, 0, 42);
            assertEquals(0, log.writeFrame(dir, 0, 42), "nothing moved: no frame");
            log.closeFile();
        } finally {
            log.free();
        }
        final Map<Integer, Long> watermarks = new HashMap<>();
        assertTrue(SessionLog.replay(dir, 0, (kind, session, serial, key, version, src, off, len, delta) -> {
        }, watermarks));
        assertEquals(Map.of(1, 42L), watermarks);
    }

    @Test
    void logFileNamesCarryTheirEpoch() throws Exception {
        assertEquals(7, SessionLog.epochOf(SessionLog.fileName(7, 2)));
        assertEquals(-1, SessionLog.epochOf("snapshot-7.bin"));
        assertEquals(-1, SessionLog.epochOf("log-7.bin"));
        Files.createFile(dir.resolve(SessionLog.fileName(9, 0)));
        assertEquals(10, SessionLog.nextEpoch(dir, 3));
        assertEquals(12, SessionLog.nextEpoch(dir, 12));
    }

    private void flush(final SessionLog log, final long epoch, final long serial) throws Exception {
        log.writeFrame(dir, epoch, serial);
        log.force();
        log.releaseFlushed();
    }

    private List<Replayed> replay(final long firstEpoch, final Map<Integer, Long> watermarks) throws Exception {
        final List<Replayed> out = new ArrayList<>();
        SessionLog.replay(dir, firstEpoch, (kind, session, serial, key, version, src, off, len, delta) ->
            out.add(new Replayed(kind, session, serial, key, version,
                src.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE), delta)), watermarks);
        assertFalse(out.stream().anyMatch(r -> r.kind() == SessionLog.PAD), "PAD records are not replayed");
        return out;
    }
}
