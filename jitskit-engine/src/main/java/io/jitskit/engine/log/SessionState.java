package io.jitskit.engine.log;

import io.jitskit.engine.runtime.FileIo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What outlives a {@link LogSession} object under one session id: its log, its serial, its scratch buffers and its
 * counters. Owned by one thread at a time (the session's); the checkpointer, the compactor's grace period and the
 * metrics reader look at it from outside, through {@link #inOp} and the fields it publishes.
 *
 * <p>Counters are plain longs written by the owner only; the metrics reader's racy reads see some recent value, which
 * is all a metric needs (64-bit plain accesses are not torn on the 64-bit JVMs this store runs on).
 */
final class SessionState {

    private static final VarHandle IN_OP;
    private static final VarHandle SERIAL;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            IN_OP = lookup.findVarHandle(SessionState.class, "inOp", int.class);
            SERIAL = lookup.findVarHandle(SessionState.class, "serial", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int id;
    final SingleWriterLog log;
    final FileIo io;
    /** Block-aligned buffer for preads of one record (O_DIRECT reads whole blocks). */
    final MemorySegment scratch;
    /** A value's worth of bytes for rmw's read-modify-write. */
    final MemorySegment valueBuffer;
    /** Out-parameters of index probes: meta, claimed-or-present. */
    final long[] found = new long[2];

    /** Serial of the last completed operation. Owner-written; published by the release of {@link #inOp}. */
    @SuppressWarnings("unused")
    private long serial;
    /** 1 while an operation runs: the quiesce and the grace period wait for 0. */
    @SuppressWarnings("unused")
    private int inOp;
    /** Guarded by the store's session table lock. */
    boolean open;

    /* ---- Counters (owner-written, racy reads) ---- */
    long reads;
    long ringHits;
    long cacheHits;
    long cacheMisses;
    long preads;
    long preadBytes;
    long evictions;
    long retries;
    long liveBytesDelta;
    long liveKeysDelta;
    /**
     * Time spent stepped aside for a quiesce, a checkpoint's or an index compaction's (slow path only: nothing is timed
     * on the fast path).
     */
    long quiesceWaitNanos;
    /** Time spent waiting for the compactor to bring the disk back under its bound. */
    long diskWaitNanos;

    SessionState(final int id, final SingleWriterLog log, final Arena arena, final long serial, final int blockBytes,
                 final int maxRecordBytes, final int maxValueBytes) {
        this.id = id;
        this.log = log;
        this.io = new FileIo(arena);
        final long scratchBytes = (((long) maxRecordBytes + blockBytes - 1) & -(long) blockBytes) + blockBytes;
        this.scratch = arena.allocate(scratchBytes, blockBytes);
        this.valueBuffer = arena.allocate(Math.max(8, maxValueBytes), 8);
        SERIAL.setRelease(this, serial);
    }

    long serialPlain() {
        return (long) SERIAL.get(this);
    }

    long serialOpaque() {
        return (long) SERIAL.getOpaque(this);
    }

    void completeOperation() {
        // Opaque store; published to the checkpointer by the release in leaveOperation, which follows it.
        SERIAL.setOpaque(this, (long) SERIAL.get(this) + 1);
    }

    /**
     * Marks an operation started. Volatile: the store of 1 must be globally ordered before the caller's volatile
     * read of the store's control word (Dekker with the checkpointer, which stores QUIESCE then reads this).
     */
    void enterOperation() {
        IN_OP.setVolatile(this, 1);
    }

    /** Release: everything the operation did, and its serial, happen-before an acquire that reads 0. */
    void leaveOperation() {
        IN_OP.setRelease(this, 0);
    }

    boolean inOperation() {
        return (int) IN_OP.getVolatile(this) != 0;
    }
}
