package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.TAG_LOG;

import io.jitskit.engine.runtime.FileIo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The logs and the disk they take: the log table (indexed by log id), segment files (created, named, counted), the
 * live bytes per segment and in total, the sealed segments that are compaction candidates, the compacted files a
 * checkpoint may still name, and the bound on disk use that makes writers wait for the compactor.
 *
 * <p>Live bytes are kept per segment (atomics, from any thread) and in total as a base (set by recovery) plus each
 * session's owner-written delta; the total is a racy sum, exact enough to steer compaction and the disk bound.
 */
final class LogSpace {

    /** Log id of the compactor's log; session ids are below it. */
    static final int COMPACTION_LOG = StoreConfig.MAX_SESSIONS;
    /** A writer waits at most this long for disk space, then goes on (a run never aborts on a slow compactor). */
    static final long DISK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    final Path dataDir;
    /** Block size of the data directory's file system; O_DIRECT alignment. */
    final int blockBytes;
    /** Whether files are opened with O_DIRECT; otherwise writes and reads drop their pages after themselves. */
    final boolean direct;
    /** Indexed by log id; written at open and under the session lock, read by readers after a meta acquire. */
    final SingleWriterLog[] logs = new SingleWriterLog[StoreConfig.MAX_SESSIONS + 1];
    /**
     * Held by the compactor per page and by a checkpoint or an index compaction throughout: they never interleave.
     * Fair, so a checkpoint waits for at most the page in progress, not for a compactor that keeps barging back in.
     */
    final ReentrantLock maintenance = new ReentrantLock(true);

    private final Arena arena;
    private final OperationGate gate;
    final AtomicLong diskBytes = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong deferredBytes = new AtomicLong();
    /**
     * Sealed segments: compaction candidates. A set: after recovery a log may seal again a segment the index walk
     * already listed, and compacting one segment twice would read a closed (or reused) descriptor. Guarded by itself.
     */
    private final Set<SingleWriterLog.Segment> sealed = new LinkedHashSet<>();
    /** Compacted segments the last checkpoint may still name: deleted after the next. Guarded by maintenance. */
    private final List<Path> deferred = new ArrayList<>();
    /** Live bytes and keys when the store opened (recovery's index walk); sessions add their deltas. */
    long liveBytesBase;
    long liveKeysBase;
    /** Set once the compactor's state exists; its deltas count like a session's. */
    private volatile SessionState compactorState;
    /** Unparked when a segment is sealed or a writer waits for space. */
    private volatile Thread compactor;

    LogSpace(final Path dataDir, final int blockBytes, final boolean direct, final Arena arena,
             final OperationGate gate) {
        this.dataDir = dataDir;
        this.blockBytes = blockBytes;
        this.direct = direct;
        this.arena = arena;
        this.gate = gate;
    }

    void attachCompactor(final SessionState state, final Thread thread) {
        this.compactorState = state;
        this.compactor = thread;
    }

    /** A new log of {@code logId} whose appends start at {@code start}, with its ring sized for its role. */
    SingleWriterLog newLog(final int logId, final long start) {
        final long ring = logId != COMPACTION_LOG && logId < StoreConfig.MAIN_RING_SESSIONS
            ? StoreConfig.MAIN_RING_BYTES : StoreConfig.SMALL_RING_BYTES;
        final SingleWriterLog log = new SingleWriterLog(this, logId, arena, ring, start);
        logs[logId] = log;
        return log;
    }

    /* ---------------------------------------------------------------- segment files */

    Path segmentPath(final int logId, final long number) {
        return dataDir.resolve("log-" + logId + "-" + number + ".seg");
    }

    SingleWriterLog.Segment createSegment(final SingleWriterLog log, final long number, final FileIo io)
        throws IOException {
        if (log.segmentAt((int) (number & (SingleWriterLog.SEGMENT_TABLE - 1))) != null) {
            throw new IOException("log " + log.id + " has " + SingleWriterLog.SEGMENT_TABLE + " segments alive; "
                + "compaction fell behind beyond the segment table");
        }
        final Path path = segmentPath(log.id, number);
        final int fd = io.open(path.toString(), direct);
        if (fd < 0) {
            throw new IOException(path + ": O_DIRECT refused on a file system that accepted it at open");
        }
        diskBytes.addAndGet(SingleWriterLog.SEGMENT_BYTES);
        return new SingleWriterLog.Segment(log, number, fd, path);
    }

    /** Recovery: a segment file that exists is counted. */
    void counted(final SingleWriterLog.Segment s) {
        diskBytes.addAndGet(SingleWriterLog.SEGMENT_BYTES);
    }

    /** A page reached disk: count it, and in the buffered fallback drop it from the page cache. */
    void wrote(final SingleWriterLog.Segment s, final long length, final long position, final FileIo io)
        throws IOException {
        bytesWritten.addAndGet(length);
        if (!direct) {
            io.dropFromPageCache(s.fd, position, length);
        }
    }

    /** A log moved past {@code s}: it holds no more appends and becomes a compaction candidate. */
    void sealed(final SingleWriterLog.Segment s) {
        synchronized (sealed) {
            sealed.add(s);
        }
        LockSupport.unpark(compactor);
    }

    void unsealed(final SingleWriterLog.Segment s) {
        synchronized (sealed) {
            sealed.remove(s);
        }
    }

    /**
     * The sealed segment most worth compacting, or null: the least live one below the live fraction (below 0.9 when
     * the disk is over its bound), among those wholly flushed.
     */
    SingleWriterLog.Segment pickVictim() {
        final boolean pressed = diskOverLimit();
        SingleWriterLog.Segment best = null;
        double bestFraction = 2;
        synchronized (sealed) {
            for (final SingleWriterLog.Segment s : sealed) {
                final long flushed = s.log.flushedAcquire();
                if (s.end() > flushed) {
                    continue;
                }
                // The newest sealed segment of a log holds the records written last, which a skewed workload is
                // about to overwrite: left for one more segment of writes, they die on their own, and the segment
                // is dropped unread instead of copied (age before utilisation, as LFS's cost-benefit cleaner).
                if (!pressed && s.end() + SingleWriterLog.SEGMENT_BYTES > flushed) {
                    continue;
                }
                final double fraction = s.live() / (double) SingleWriterLog.SEGMENT_BYTES;
                if (fraction < bestFraction) {
                    best = s;
                    bestFraction = fraction;
                }
            }
        }
        return best != null && (bestFraction < StoreConfig.COMPACT_LIVE_FRACTION || pressed && bestFraction < 0.9)
            ? best : null;
    }

    /**
     * A compacted segment's file is gone from the table and its readers are done: delete it now, or after the next
     * checkpoint when the last one (whose index snapshot may name it) is below its end. Under the maintenance lock.
     */
    void retire(final SingleWriterLog.Segment victim) throws IOException {
        if (!StoreConfig.DURABLE || victim.start() >= victim.log.checkpointCut) {
            Files.deleteIfExists(victim.path);
            diskBytes.addAndGet(-SingleWriterLog.SEGMENT_BYTES);
        } else {
            deferred.add(victim.path);
            deferredBytes.addAndGet(SingleWriterLog.SEGMENT_BYTES);
        }
    }

    /** After a checkpoint (under the maintenance lock): no checkpoint names the deferred files any more. */
    void deleteDeferred() throws IOException {
        for (final Path p : deferred) {
            Files.deleteIfExists(p);
            diskBytes.addAndGet(-SingleWriterLog.SEGMENT_BYTES);
            deferredBytes.addAndGet(-SingleWriterLog.SEGMENT_BYTES);
        }
        deferred.clear();
    }

    /** Whether deferred deletions hold enough disk that a checkpoint should free it. */
    boolean deferredOverHalfSlack() {
        return deferredBytes.get() > StoreConfig.DISK_SLACK_BYTES / 2;
    }

    /* ---------------------------------------------------------------- live bytes */

    /** Moves live-byte accounting from the record {@code previous} named to the one {@code next} names. */
    void account(final SessionState s, final long previous, final long next) {
        if (Layout.tag(previous) == TAG_LOG) {
            final SingleWriterLog.Segment segment = logs[Layout.logIdOf(previous)].segmentOf(
                Layout.offsetOf(previous));
            final int bytes = Layout.recordBytesOf(previous);
            if (segment != null) {
                segment.addLive(-bytes);
            }
            s.liveBytesDelta -= bytes;
        }
        if (Layout.tag(next) == TAG_LOG) {
            final SingleWriterLog.Segment segment = logs[Layout.logIdOf(next)].segmentOf(Layout.offsetOf(next));
            final int bytes = Layout.recordBytesOf(next);
            if (segment != null) {
                segment.addLive(bytes);
            }
            s.liveBytesDelta += bytes;
        }
        s.liveKeysDelta += (Layout.isLive(next) ? 1 : 0) - (Layout.isLive(previous) ? 1 : 0);
    }

    long liveBytes() {
        final SessionState c = compactorState;
        long live = liveBytesBase + (c == null ? 0 : c.liveBytesDelta);
        for (final SessionState s : gate.statesRacy()) {
            if (s != null) {
                live += s.liveBytesDelta;
            }
        }
        return live;
    }

    long liveKeys() {
        final SessionState c = compactorState;
        long keys = liveKeysBase + (c == null ? 0 : c.liveKeysDelta);
        for (final SessionState s : gate.statesRacy()) {
            if (s != null) {
                keys += s.liveKeysDelta;
            }
        }
        return keys;
    }

    boolean diskOverLimit() {
        return diskBytes.get() > (long) (liveBytes() / StoreConfig.COMPACT_LIVE_FRACTION * 1.5)
            + StoreConfig.DISK_SLACK_BYTES;
    }

    /**
     * Called by a session about to open a new segment, before it changed anything: if the disk is over its bound,
     * wait for the compactor at a safe point (outside the operation, so a checkpoint can run meanwhile).
     */
    void awaitDiskSpace(final SessionState owner) {
        if (!diskOverLimit()) {
            return;
        }
        owner.leaveOperation();
        LockSupport.unpark(compactor);
        final long waitStart = System.nanoTime();
        final long deadline = waitStart + DISK_WAIT_NANOS;
        while (diskOverLimit() && System.nanoTime() < deadline && gate.runningOrQuiesced()) {
            LockSupport.parkNanos(200_000);
        }
        owner.diskWaitNanos += System.nanoTime() - waitStart;
        gate.enter(owner);
    }
}
