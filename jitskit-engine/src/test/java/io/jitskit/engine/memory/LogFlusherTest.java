package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFlusherTest {

    @TempDir
    Path dir;

    @Test
    void aFlushMakesEverySessionsRecordsAndServedSerialDurable() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final MemorySegment control = arena.allocate(4 * SessionControl.STRIDE, 128);
            final MemorySegment value = arena.allocate(16);
            final LogFlusher flusher = new LogFlusher(dir, new SessionLog[4], control, Duration.ofMillis(10));
            flusher.startEpoch(0);
            final SessionLog a = new SessionLog(0);
            final SessionLog b = new SessionLog(2);
            flusher.register(0, a);
            flusher.register(2, b);
            a.appendUpsert(1, 100, 1, value, 16, false, 0);
            setServedSerial(control, 0, 1);
            // Session 2 served reads only: it logs nothing, yet its serial must be durable.
            setServedSerial(control, 2, 9);
            flusher.flush();
            assertTrue(flusher.flushes() == 1 && flusher.bytesWritten() > 0);

            final Map<Integer, Long> watermarks = new HashMap<>();
            final List<Long> keys = new ArrayList<>();
            SessionLog.replay(dir, 0, (kind, session, serial, key, version, src, off, len, delta) -> keys.add(key),
                watermarks);
            assertEquals(List.of(100L), keys);
            assertEquals(Map.of(0, 1L, 2, 9L), watermarks);
            flusher.close();
        }
    }

    @Test
    void rotationStartsTheNextEpochsFilesAfterFlushingTheCurrentOnes() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final MemorySegment control = arena.allocate(SessionControl.STRIDE, 128);
            final MemorySegment value = arena.allocate(8);
            final LogFlusher flusher = new LogFlusher(dir, new SessionLog[1], control, Duration.ofMillis(10));
            flusher.startEpoch(4);
            final SessionLog log = new SessionLog(0);
            flusher.register(0, log);
            log.appendUpsert(1, 1, 1, value, 8, false, 0);
            setServedSerial(control, 0, 1);
            assertEquals(5, flusher.rotate());
            log.appendUpsert(2, 2, 1, value, 8, false, 0);
            setServedSerial(control, 0, 2);
            flusher.close();
            assertTrue(Files.exists(dir.resolve(SessionLog.fileName(4, 0))));
            assertTrue(Files.exists(dir.resolve(SessionLog.fileName(5, 0))), "close flushes what came after");
            final List<Long> fromNewEpoch = new ArrayList<>();
            SessionLog.replay(dir, 5, (kind, session, serial, key, version, src, off, len, delta) ->
                fromNewEpoch.add(key), null);
            assertEquals(List.of(2L), fromNewEpoch);
        }
    }

    @Test
    void theFlusherThreadCommitsWithinTheInterval() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final MemorySegment control = arena.allocate(SessionControl.STRIDE, 128);
            final MemorySegment value = arena.allocate(8);
            final LogFlusher flusher = new LogFlusher(dir, new SessionLog[1], control, Duration.ofMillis(2));
            flusher.startEpoch(0);
            final SessionLog log = new SessionLog(0);
            flusher.register(0, log);
            flusher.start();
            log.appendUpsert(1, 7, 1, value, 8, false, 0);
            setServedSerial(control, 0, 1);
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (flusher.flushes() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(flusher.flushes() > 0, "no group commit within 30 s");
            flusher.close();
        }
    }

    /** What a session does after each operation: release its serial into its control block. */
    private static void setServedSerial(final MemorySegment control, final int session, final long serial) {
        SessionControl.WORD.setRelease(control, SessionControl.block(session) + SessionControl.SERIAL, serial);
    }
}
