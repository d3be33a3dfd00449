package io.jitskit.engine.log;

import io.jitskit.api.Checkpoint;
import io.jitskit.engine.runtime.FileIo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPR checkpoints: quiesce every session at an operation boundary, record serials, flush and datasync every log to
 * its tail (the cut), write the index (whose metas name only records below the cuts) with O_DIRECT, then switch the
 * {@link Manifest} atomically. Sessions wait for the whole of it: the pause is the index write. Also reads an index
 * snapshot back for recovery, the inverse of its write.
 */
final class Checkpointer {

    /** Bytes of index snapshot written (or read) per call. */
    static final long SNAPSHOT_CHUNK = 8L << 20;

    private final OperationGate gate;
    private final LogSpace space;
    private final HashIndex index;
    private final FileIo io;
    private long nextCheckpointId = 1;
    private long lastIndexFile = -1;
    private volatile long checkpoints;
    private volatile long longestPauseNanos;

    Checkpointer(final OperationGate gate, final LogSpace space, final HashIndex index, final FileIo io) {
        this.gate = gate;
        this.space = space;
        this.index = index;
        this.io = io;
    }

    /** Recovery restored checkpoint {@code id}: the next is {@code id + 1}, and its snapshot file is the last. */
    void recovered(final long id) {
        nextCheckpointId = id + 1;
        lastIndexFile = id;
    }

    long count() {
        return checkpoints;
    }

    long longestPauseNanos() {
        return longestPauseNanos;
    }

    static Path indexPath(final Path dataDir, final long id) {
        return dataDir.resolve("index-" + id + ".dat");
    }

    /** Takes a checkpoint; a failure fails the store (a half-written checkpoint is never named by the manifest). */
    Checkpoint checkpoint() throws IOException {
        space.maintenance.lock();
        try {
            final Map<Integer, Long> serials = new HashMap<>();
            final Map<Integer, Long> cuts = new LinkedHashMap<>();
            final long id = nextCheckpointId;
            final long started = System.nanoTime();
            try {
                final SessionState[] snapshot = gate.quiesce();
                // Every session is outside an operation: its serial and its log are stable until we release.
                for (final SessionState s : snapshot) {
                    if (s != null) {
                        serials.put(s.id, s.serialPlain());
                    }
                }
                for (final SingleWriterLog log : space.logs) {
                    if (log != null) {
                        cuts.put(log.id, log.flushForCheckpoint(io, space.blockBytes, true));
                    }
                }
                writeIndexSnapshot(id);
                new Manifest(id, index.claimedSlots(), cuts, serials).write(space.dataDir);
            } catch (final IOException | RuntimeException e) {
                throw gate.fail(e);
            } finally {
                gate.release();
                longestPauseNanos = Math.max(longestPauseNanos, System.nanoTime() - started);
            }
            nextCheckpointId = id + 1;
            for (final SingleWriterLog log : space.logs) {
                if (log != null) {
                    // A session opened since the release has a log this checkpoint does not name: no cut, 0.
                    log.checkpointCut = cuts.getOrDefault(log.id, 0L);
                }
            }
            space.deleteDeferred();
            if (lastIndexFile > 0) {
                Files.deleteIfExists(indexPath(space.dataDir, lastIndexFile));
            }
            lastIndexFile = id;
            checkpoints++;
            return new Checkpoint(id, serials);
        } finally {
            space.maintenance.unlock();
        }
    }

    private void writeIndexSnapshot(final long id) throws IOException {
        final Path path = indexPath(space.dataDir, id);
        Files.deleteIfExists(path);
        final int fd = io.open(path.toString(), space.direct);
        try {
            final MemorySegment table = index.table;
            for (long at = 0; at < table.byteSize(); at += SNAPSHOT_CHUNK) {
                final long n = Math.min(SNAPSHOT_CHUNK, table.byteSize() - at);
                io.pwrite(fd, table.asSlice(at, n), n, at);
                if (!space.direct) {
                    io.dropFromPageCache(fd, at, n);
                }
            }
            io.datasync(fd);
        } finally {
            io.close(fd);
        }
    }

    /** Recovery: fills the index table from checkpoint {@code id}'s snapshot. */
    void readIndexSnapshot(final long id) throws IOException {
        final Path path = indexPath(space.dataDir, id);
        final MemorySegment table = index.table;
        if (!Files.exists(path) || Files.size(path) != table.byteSize()) {
            throw new IOException(path + ": missing or not " + table.byteSize() + " bytes; the manifest names it, so"
                + " the data directory was damaged or belongs to another store");
        }
        final int fd = io.open(path.toString(), space.direct);
        try {
            for (long at = 0; at < table.byteSize(); at += SNAPSHOT_CHUNK) {
                final long n = Math.min(SNAPSHOT_CHUNK, table.byteSize() - at);
                if (io.pread(fd, table.asSlice(at, n), n, at) != n) {
                    throw new IOException(path + ": short read at " + at);
                }
                if (!space.direct) {
                    io.dropFromPageCache(fd, at, n);
                }
            }
        } finally {
            io.close(fd);
        }
    }
}
