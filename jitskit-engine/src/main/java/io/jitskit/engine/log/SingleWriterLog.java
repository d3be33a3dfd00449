package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.INT;
import static io.jitskit.engine.log.Layout.TYPE_PAD;

import io.jitskit.engine.runtime.FileIo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * One writer's log: an append-only sequence of records addressed by a 40-bit (x16) offset that only grows, kept in
 * segment files of {@link #SEGMENT_BYTES} on disk, whose newest {@code ringBytes} live in an in-memory ring (the
 * HybridLog tail) where readers of any thread find them without I/O.
 *
 * <p>Single writer: only the owning session (or, for the compaction log, the compactor) appends. Other threads read
 * records through {@link #ringLowOpaque} validation, look segments up, and adjust per-segment live bytes. The
 * checkpointer flushes the tail while the owner is quiesced at an operation boundary.
 *
 * <pre>
 * offset:   0 ........ flushed ...... tail
 *           |  on disk  | in ring only |
 *           ringLow ...................  tail      (ring holds [ringLow, tail), ringLow = tail - ring + page)
 * pages:    the flush unit, a multiple of the block size; a record never crosses a page (PAD fills the rest)
 * segments: SEGMENT_BYTES of consecutive pages in file log-&lt;id&gt;-&lt;number&gt;.seg
 * </pre>
 */
final class SingleWriterLog {

    static final int PAGE_BYTES = StoreConfig.PAGE_BYTES;
    static final long SEGMENT_BYTES = StoreConfig.SEGMENT_BYTES;
    static final int SEGMENT_SHIFT = Long.numberOfTrailingZeros(SEGMENT_BYTES);
    /** Segments of one log alive at once, at most; the table is indexed by segment number modulo this. */
    static final int SEGMENT_TABLE = 4096;

    private static final VarHandle RING_LOW;
    private static final VarHandle FLUSHED;
    private static final VarHandle TABLE = MethodHandles.arrayElementVarHandle(Segment[].class);

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            RING_LOW = lookup.findVarHandle(SingleWriterLog.class, "ringLow", long.class);
            FLUSHED = lookup.findVarHandle(SingleWriterLog.class, "flushed", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A segment file. Readers find it through the table; its live bytes change from any thread. */
    static final class Segment {
        private static final VarHandle LIVE;

        static {
            try {
                LIVE = MethodHandles.lookup().findVarHandle(Segment.class, "liveBytes", long.class);
            } catch (final ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final SingleWriterLog log;
        final long number;
        final int fd;
        final Path path;
        /** Bytes of records some index meta points to; changed with getAndAdd. */
        @SuppressWarnings("unused")
        private long liveBytes;

        Segment(final SingleWriterLog log, final long number, final int fd, final Path path) {
            this.log = log;
            this.number = number;
            this.fd = fd;
            this.path = path;
        }

        long start() {
            return number << SEGMENT_SHIFT;
        }

        long end() {
            return (number + 1) << SEGMENT_SHIFT;
        }

        long live() {
            return (long) LIVE.getOpaque(this);
        }

        void addLive(final long delta) {
            // Atomic, no ordering needed: the figure steers compaction only; liveness itself is the index's.
            LIVE.getAndAdd(this, delta);
        }
    }

    final int id;
    final MemorySegment ring;
    final long ringMask;
    private final LogSpace space;

    /* ---- Owner-written; the checkpointer touches them only while the owner is quiesced ---- */
    /** Next append offset. */
    long tail;
    /** Offset of the first segment not yet made durable by a datasync. */
    long syncedFrom;
    /** The cut of the last completed checkpoint: segments wholly below it may be named by its index snapshot. */
    volatile long checkpointCut;

    /** Every offset below it has left the ring: read it from disk. Written by the owner, read by any reader. */
    @SuppressWarnings("unused")
    private long ringLow;
    /** Every completed page below it is on disk. Read by the compactor to find sealed segments. */
    @SuppressWarnings("unused")
    private long flushed;

    private final Segment[] segments = new Segment[SEGMENT_TABLE];

    SingleWriterLog(final LogSpace space, final int id, final Arena arena, final long ringBytes, final long start) {
        this.space = space;
        this.id = id;
        this.ring = arena.allocate(ringBytes, Math.max(PAGE_BYTES, 4096));
        this.ringMask = ringBytes - 1;
        this.tail = start;
        this.syncedFrom = start & -SEGMENT_BYTES;
        this.checkpointCut = start;
        RING_LOW.setRelease(this, start);
        FLUSHED.setRelease(this, start);
    }

    long ringLowAcquire() {
        return (long) RING_LOW.getAcquire(this);
    }

    long ringLowOpaque() {
        return (long) RING_LOW.getOpaque(this);
    }

    long flushedAcquire() {
        return (long) FLUSHED.getAcquire(this);
    }

    /** The segment holding {@code offset}, or null when it is gone (compacted) or not yet created. */
    Segment segmentOf(final long offset) {
        final long number = offset >>> SEGMENT_SHIFT;
        final Segment s = (Segment) TABLE.getAcquire(segments, (int) (number & (SEGMENT_TABLE - 1)));
        return s != null && s.number == number ? s : null;
    }

    /** Segments currently in the table, for the compactor and the checkpointer; racy but never torn. */
    Segment segmentAt(final int index) {
        return (Segment) TABLE.getAcquire(segments, index);
    }

    void install(final Segment s) {
        // Release: a reader that finds the segment sees its final fields (they are final anyway) and the open fd.
        TABLE.setRelease(segments, (int) (s.number & (SEGMENT_TABLE - 1)), s);
    }

    /** Removes {@code s} from the table; readers that still hold it finish within the next grace period. */
    void remove(final Segment s) {
        TABLE.compareAndSet(segments, (int) (s.number & (SEGMENT_TABLE - 1)), s, null);
    }

    /**
     * Reserves {@code recordBytes} at the tail and returns the record's offset; the caller fills the ring at
     * {@code offset & ringMask}. Completed pages are flushed here, by the owner, before their ring space is reused.
     *
     * @param owner the appending session's state, or null for the compactor; a session may wait here for disk space
     *              at a safe point (nothing changed yet)
     */
    long reserve(final int recordBytes, final FileIo io, final SessionState owner) throws IOException {
        long t = tail;
        final long pageEnd = (t | (PAGE_BYTES - 1)) + 1;
        if (t + recordBytes > pageEnd) {
            // Beyond the tail: no reader looks here until the page is complete, and scans skip to the page end.
            ring.set(INT, t & ringMask, TYPE_PAD);
            t = pageEnd;
        }
        if ((t & (PAGE_BYTES - 1)) == 0) {
            enterPage(t, io, owner);
        }
        tail = t + recordBytes;
        return t;
    }

    /** The first record of the page at {@code t}: flush the page just completed, roll the segment, free ring space. */
    private void enterPage(final long t, final FileIo io, final SessionState owner) throws IOException {
        final long flushedBefore = (long) FLUSHED.getOpaque(this);
        if (t > flushedBefore) {
            if (t - PAGE_BYTES >= flushedBefore) {
                writePage(t - PAGE_BYTES, PAGE_BYTES, io);
            }
            // Release: the compactor reads a sealed segment from disk only once this mark has passed its end.
            FLUSHED.setRelease(this, t);
        }
        if ((t & (SEGMENT_BYTES - 1)) == 0 && segmentOf(t) == null) {
            if (owner != null) {
                space.awaitDiskSpace(owner);
            }
            final Segment previous = segmentOf(t - 1);
            install(space.createSegment(this, t >>> SEGMENT_SHIFT, io));
            if (previous != null) {
                space.sealed(previous);
            }
        }
        // The page's ring space held offset t - ring, flushed long ago. Raise ringLow before the first byte is
        // overwritten; the fence keeps that store ahead of the record bytes, pairing with the reader's loadLoadFence
        // between its copy and its second ringLow read (the seqlock idiom, with ringLow as the sequence).
        final long low = t + PAGE_BYTES - ring.byteSize();
        if (low > (long) RING_LOW.getOpaque(this)) {
            RING_LOW.setOpaque(this, low);
            VarHandle.storeStoreFence();
        }
    }

    /** Writes {@code length} bytes of the ring from page-aligned offset {@code from} to its segment file. */
    private void writePage(final long from, final long length, final FileIo io) throws IOException {
        final Segment s = segmentOf(from);
        if (s == null) {
            throw new IOException("log " + id + ": no segment for offset " + from + " while flushing");
        }
        final long filePosition = from & (SEGMENT_BYTES - 1);
        io.pwrite(s.fd, ring.asSlice(from & ringMask, length), length, filePosition);
        space.wrote(s, length, filePosition, io);
    }

    /**
     * Makes everything below the tail durable: the partial page (rounded up to the block), then a datasync of each
     * segment written since the last call. Called with the owner quiesced.
     *
     * @return the cut: every record below it is durable
     */
    long flushForCheckpoint(final FileIo io, final int blockBytes, final boolean sync) throws IOException {
        final long t = tail;
        // The page holding the last record: partial, or full but not yet written, because a page is written only
        // when the next record enters the page after it. A tail exactly on a page boundary is the second case; the
        // page below it must be written here too, or the checkpoint's cut would claim records no file holds.
        final long lastPage = (t - 1) & -PAGE_BYTES;
        if (t > 0 && lastPage >= (long) FLUSHED.getOpaque(this)) {
            writePage(lastPage, ((t - lastPage) + blockBytes - 1) & -(long) blockBytes, io);
        }
        if (sync) {
            for (long from = syncedFrom; from < Math.max(t, syncedFrom + 1); from += SEGMENT_BYTES) {
                final Segment s = segmentOf(from);
                if (s != null) {
                    io.datasync(s.fd);
                }
            }
            syncedFrom = t & -SEGMENT_BYTES;
        }
        return t;
    }
}
