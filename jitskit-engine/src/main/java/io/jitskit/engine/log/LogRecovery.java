package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.INT;
import static io.jitskit.engine.log.Layout.LONG;
import static io.jitskit.engine.log.Layout.META_OFFSET;
import static io.jitskit.engine.log.Layout.SLOT_BYTES;
import static io.jitskit.engine.log.Layout.TAG_LOG;
import static io.jitskit.engine.log.Layout.TYPE_PAD;

import io.jitskit.api.Recovery;
import io.jitskit.engine.runtime.FileIo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Opening a data directory, single-threaded, before any session or the compactor runs: with a manifest (and
 * durability), the last completed checkpoint is restored: its index snapshot, every log reopened at its cut (what
 * followed the cut is no checkpoint's and is cut off), each session's serial, and the live-byte accounting rebuilt
 * from the index. Otherwise every file the store could have left is deleted.
 */
final class LogRecovery {

    private final LogSpace space;
    private final HashIndex index;
    private final OperationGate gate;
    private final Checkpointer checkpointer;
    private final FileIo io;
    private final Arena arena;

    LogRecovery(final LogSpace space, final HashIndex index, final OperationGate gate, final Checkpointer checkpointer,
                final FileIo io, final Arena arena) {
        this.space = space;
        this.index = index;
        this.gate = gate;
        this.checkpointer = checkpointer;
        this.io = io;
        this.arena = arena;
    }

    /** Restores the last checkpoint when there is one to restore, else starts empty. */
    Recovery open() throws IOException {
        if (StoreConfig.DURABLE && Manifest.existsIn(space.dataDir)) {
            return recover();
        }
        wipe(space.dataDir);
        return Recovery.none();
    }

    /** Deletes every file this store could have left: durability none, or no completed checkpoint. */
    static void wipe(final Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (final Path p : files.toList()) {
                final String name = p.getFileName().toString();
                if (name.endsWith(".seg") || name.startsWith("index-") || name.startsWith(Manifest.NAME)) {
                    Files.delete(p);
                }
            }
        }
    }

    private Recovery recover() throws IOException {
        final Manifest manifest = Manifest.read(space.dataDir);
        final long id = manifest.id();
        checkpointer.readIndexSnapshot(id);
        index.restoreClaimed(manifest.claimed());
        final Map<Integer, Long> cuts = manifest.cuts();
        final Path snapshot = Checkpointer.indexPath(space.dataDir, id);
        try (Stream<Path> files = Files.list(space.dataDir)) {
            for (final Path p : files.toList()) {
                final String name = p.getFileName().toString();
                if (name.endsWith(".tmp") || name.startsWith("index-") && !p.equals(snapshot)) {
                    Files.delete(p);
                } else if (name.endsWith(".seg")) {
                    final String[] parts = name.substring(4, name.length() - 4).split("-");
                    final int logId = Integer.parseInt(parts[0]);
                    final long number = Long.parseLong(parts[1]);
                    final Long cut = cuts.get(logId);
                    // Segments past the cut hold only operations of no completed checkpoint.
                    if (cut == null || cut == 0 || number > (cut - 1) >>> SingleWriterLog.SEGMENT_SHIFT) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (final Map.Entry<Integer, Long> e : cuts.entrySet()) {
            restoreLog(e.getKey(), e.getValue());
        }
        for (final Map.Entry<Integer, Long> e : manifest.serials().entrySet()) {
            final int sessionId = e.getKey();
            SingleWriterLog log = space.logs[sessionId];
            if (log == null) {
                log = space.newLog(sessionId, 0);
            }
            gate.restore(new SessionState(sessionId, log, arena, e.getValue(), space.blockBytes,
                LogStore.MAX_RECORD_BYTES, LogStore.MAX_VALUE_BYTES));
        }
        rebuildAccounting();
        checkpointer.recovered(id);
        return new Recovery(true, id, manifest.serials());
    }

    /**
     * Reopens a log at its cut. The partial page at the cut gets a PAD there (what followed it belongs to no
     * checkpoint), and appends resume at the next page.
     */
    private void restoreLog(final int logId, final long cut) throws IOException {
        final int pageBytes = SingleWriterLog.PAGE_BYTES;
        final int blockBytes = space.blockBytes;
        final long tail = (cut + pageBytes - 1) & -(long) pageBytes;
        final SingleWriterLog log = space.newLog(logId, tail);
        log.checkpointCut = cut;
        final long last = cut == 0 ? -1 : (cut - 1) >>> SingleWriterLog.SEGMENT_SHIFT;
        for (long number = 0; number <= last; number++) {
            final Path path = space.segmentPath(logId, number);
            if (!Files.exists(path)) {
                continue; // compacted away
            }
            final int fd = io.open(path.toString(), space.direct);
            final SingleWriterLog.Segment segment = new SingleWriterLog.Segment(log, number, fd, path);
            log.install(segment);
            space.counted(segment);
        }
        if (cut != tail) {
            final SingleWriterLog.Segment segment = log.segmentOf(cut);
            if (segment == null) {
                throw new IOException(space.segmentPath(logId, cut >>> SingleWriterLog.SEGMENT_SHIFT) + ": missing, "
                    + "but the checkpoint's cut " + cut + " of log " + logId + " is in it; the data directory was "
                    + "damaged");
            }
            final long position = cut & (SingleWriterLog.SEGMENT_BYTES - 1);
            final long block = position & -(long) blockBytes;
            final MemorySegment buffer = arena.allocate(blockBytes, blockBytes);
            io.pread(segment.fd, buffer, blockBytes, block);
            buffer.set(INT, position - block, TYPE_PAD);
            io.pwrite(segment.fd, buffer, blockBytes, block);
            io.datasync(segment.fd);
            if (!space.direct) {
                io.dropFromPageCache(segment.fd, block, blockBytes);
            }
        }
    }

    /** Walks the restored index: live bytes per segment, live keys; sealed segments become compaction candidates. */
    private void rebuildAccounting() throws IOException {
        final MemorySegment table = index.table;
        long live = 0;
        long keys = 0;
        for (long at = 0; at < table.byteSize(); at += SLOT_BYTES) {
            final long meta = table.get(LONG, at + META_OFFSET);
            if (Layout.isLive(meta)) {
                keys++;
            }
            if (Layout.tag(meta) == TAG_LOG) {
                final SingleWriterLog log = space.logs[Layout.logIdOf(meta)];
                final SingleWriterLog.Segment segment = log == null ? null : log.segmentOf(Layout.offsetOf(meta));
                if (segment == null) {
                    throw new IOException("the index snapshot names log " + Layout.logIdOf(meta) + " offset "
                        + Layout.offsetOf(meta) + ", whose segment is missing; the data directory was damaged");
                }
                segment.addLive(Layout.recordBytesOf(meta));
                live += Layout.recordBytesOf(meta);
            }
        }
        space.liveBytesBase = live;
        space.liveKeysBase = keys;
        for (final SingleWriterLog log : space.logs) {
            if (log == null) {
                continue;
            }
            for (int i = 0; i < SingleWriterLog.SEGMENT_TABLE; i++) {
                final SingleWriterLog.Segment s = log.segmentAt(i);
                if (s != null && s.end() <= log.tail) {
                    space.sealed(s);
                }
            }
        }
    }
}
