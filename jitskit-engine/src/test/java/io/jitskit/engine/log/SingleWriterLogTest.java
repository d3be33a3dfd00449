package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.INT;
import static io.jitskit.engine.log.Layout.LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.engine.runtime.FileIo;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleWriterLogTest {

    @TempDir
    Path dir;

    @Test
    void recordsNeverCrossAPageAndReachTheirSegmentFilesAtTheirOffsets() throws Exception {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final OperationGate gate = new OperationGate();
        try (Arena arena = Arena.ofShared()) {
            final LogSpace space = new LogSpace(dir, 4096, false, arena, gate);
            final SingleWriterLog log = space.newLog(0, 0);
            final FileIo io = new FileIo(arena);
            final List<long[]> written = new ArrayList<>();
            // Five times the ring: early pages must have left it, through their segment files.
            while (log.tail < 5 * StoreConfig.MAIN_RING_BYTES) {
                final int recordBytes = Layout.recordBytes(8 + random.nextInt(121));
                final long offset = log.reserve(recordBytes, io, null);
                assertEquals(offset / SingleWriterLog.PAGE_BYTES, (offset + recordBytes - 1)
                    / SingleWriterLog.PAGE_BYTES, "seed " + seed + ": a record crosses a page at " + offset);
                final long key = random.nextLong();
                log.ring.set(INT, offset & log.ringMask, Layout.TYPE_RECORD);
                log.ring.set(LONG, (offset & log.ringMask) + Layout.RECORD_KEY_OFFSET, key);
                written.add(new long[] {offset, key});
            }
            assertTrue(log.ringLowAcquire() > 0, "the ring wrapped");
            final long cut = log.flushForCheckpoint(io, 4096, true);
            assertEquals(log.tail, cut);
            for (final long[] r : written) {
                final long offset = r[0];
                final Path file = space.segmentPath(0, offset >>> SingleWriterLog.SEGMENT_SHIFT);
                final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
                final int position = (int) (offset & (SingleWriterLog.SEGMENT_BYTES - 1));
                assertEquals(Layout.TYPE_RECORD, bytes.getInt(position), "seed " + seed + ": offset " + offset);
                assertEquals(r[1], bytes.getLong(position + Layout.RECORD_KEY_OFFSET), "seed " + seed);
            }
            // One segment file per SEGMENT_BYTES of log, each counted once.
            final long segments = ((log.tail - 1) >>> SingleWriterLog.SEGMENT_SHIFT) + 1;
            assertEquals(segments * SingleWriterLog.SEGMENT_BYTES, space.diskBytes.get());
        }
    }

    @Test
    void aCheckpointWithTheTailOnAPageBoundaryWritesThePageBelowIt() throws Exception {
        final OperationGate gate = new OperationGate();
        try (Arena arena = Arena.ofShared()) {
            final LogSpace space = new LogSpace(dir, 4096, false, arena, gate);
            final SingleWriterLog log = space.newLog(0, 0);
            final FileIo io = new FileIo(arena);
            // Records that tile a page exactly, so the last one ends on the boundary and no later record has entered
            // the next page (which is what writes a completed page out).
            final int recordBytes = Layout.recordBytes(64 - Layout.HEADER_BYTES);
            assertEquals(0, SingleWriterLog.PAGE_BYTES % recordBytes, "records of " + recordBytes + " B tile a page");
            final List<Long> offsets = new ArrayList<>();
            while (log.tail < 3L * SingleWriterLog.PAGE_BYTES) {
                final long offset = log.reserve(recordBytes, io, null);
                log.ring.set(INT, offset & log.ringMask, Layout.TYPE_RECORD);
                log.ring.set(LONG, (offset & log.ringMask) + Layout.RECORD_KEY_OFFSET, offset + 1);
                offsets.add(offset);
            }
            assertEquals(3L * SingleWriterLog.PAGE_BYTES, log.tail, "the tail sits on a page boundary");
            assertEquals(log.tail, log.flushForCheckpoint(io, 4096, true));
            final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(space.segmentPath(0, 0)))
                .order(ByteOrder.nativeOrder());
            for (final long offset : offsets) {
                assertTrue(offset + recordBytes <= bytes.limit(), "record at " + offset + " is below the cut "
                    + log.tail + " but past the segment file's " + bytes.limit() + " bytes");
                assertEquals(offset + 1, bytes.getLong((int) offset + Layout.RECORD_KEY_OFFSET), "offset " + offset);
            }
        }
    }
}
