package io.jitskit.engine.log;

import io.jitskit.api.StoreException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The store's control word and session table: how an operation enters and leaves, how a checkpoint or an index
 * compaction holds every session at an operation boundary (a quiesce), how the compactor waits out readers of a
 * segment it removed (a grace period), and how a failure or a close stops new operations.
 *
 * <p>Entry is Dekker's handshake: a session stores "in an operation" and then reads the control word (both
 * volatile); a quiescer stores QUIESCE and then reads each session's flag. At least one side sees the other, so no
 * operation runs inside a quiesce, and the fast path is one volatile store and one volatile load.
 */
final class OperationGate {

    static final int QUIESCE = 1;
    static final int CLOSED = 2;
    static final int FAILED = 4;

    private static final VarHandle CONTROL;

    static {
        try {
            CONTROL = MethodHandles.lookup().findVarHandle(OperationGate.class, "control", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SessionState[] states = new SessionState[StoreConfig.MAX_SESSIONS];
    private final Object sessionLock = new Object();

    /** QUIESCE | CLOSED | FAILED; read by every operation's entry. */
    @SuppressWarnings("unused")
    private volatile int control;
    private volatile Throwable failure;

    /* ---------------------------------------------------------------- sessions */

    /**
     * Marks session {@code id} open, creating its state with {@code create} the first time.
     *
     * @throws IllegalStateException when the session is already open
     */
    SessionState open(final int id, final IntFunction<SessionState> create) {
        synchronized (sessionLock) {
            SessionState state = states[id];
            if (state == null) {
                state = create.apply(id);
                states[id] = state;
            }
            if (state.open) {
                throw new IllegalStateException("session " + id + " is already open; close it first or use "
                    + "another id");
            }
            state.open = true;
            return state;
        }
    }

    void close(final SessionState state) {
        synchronized (sessionLock) {
            state.open = false;
        }
    }

    /** Recovery (single-threaded, before any session opens): a session's state with its recovered serial. */
    void restore(final SessionState state) {
        synchronized (sessionLock) {
            states[state.id] = state;
        }
    }

    /** The session states that exist now (nulls for ids never opened). */
    SessionState[] sessionStates() {
        synchronized (sessionLock) {
            return states.clone();
        }
    }

    /**
     * The table itself, for the metrics' and space accounting's racy sums: an element written under the lock may be
     * seen late, which only delays its counters by a read.
     */
    SessionState[] statesRacy() {
        return states;
    }

    /* ---------------------------------------------------------------- operation entry and exit */

    /**
     * Starts an operation: publishes "in an operation", then reads the control word. The two volatile accesses and
     * the quiescer's (store QUIESCE, then read each session's flag) form Dekker's handshake: at least one side sees
     * the other, so no operation runs inside a quiesce.
     */
    void enter(final SessionState state) {
        state.enterOperation();
        if ((int) CONTROL.getVolatile(this) != 0) {
            slowEnter(state);
        }
    }

    private void slowEnter(final SessionState state) {
        while (true) {
            final int c = (int) CONTROL.getVolatile(this);
            if ((c & (CLOSED | FAILED)) != 0) {
                state.leaveOperation();
                requireUsable();
            }
            if ((c & QUIESCE) == 0) {
                return;
            }
            state.leaveOperation();
            final long waitStart = System.nanoTime();
            while (((int) CONTROL.getVolatile(this) & QUIESCE) != 0) {
                LockSupport.parkNanos(20_000);
            }
            state.quiesceWaitNanos += System.nanoTime() - waitStart;
            state.enterOperation();
        }
    }

    void requireUsable() {
        final int c = (int) CONTROL.getVolatile(this);
        if ((c & CLOSED) != 0) {
            throw new IllegalStateException(StoreConfig.STORE_NAME + " is closed");
        }
        if ((c & FAILED) != 0) {
            throw new StoreException(StoreConfig.STORE_NAME + " failed earlier and accepts no more operations: "
                + failure, failure);
        }
    }

    /** Whether the store was closed or failed: background work stops. */
    boolean stopped() {
        return ((int) CONTROL.getVolatile(this) & (CLOSED | FAILED)) != 0;
    }

    boolean closed() {
        return ((int) CONTROL.getVolatile(this) & CLOSED) != 0;
    }

    /** Whether nothing but (at most) a quiesce is set: a writer waiting for disk space may keep waiting. */
    boolean runningOrQuiesced() {
        return ((int) CONTROL.getVolatile(this) & ~QUIESCE) == 0;
    }

    /** Marks the store closed; false when it already was. */
    boolean markClosed() {
        return ((int) CONTROL.getAndBitwiseOr(this, CLOSED) & CLOSED) == 0;
    }

    /**
     * Records the first failure and stops the store: every later entry throws.
     *
     * @return the exception for the caller to throw
     */
    StoreException fail(final Throwable t) {
        if (failure == null) {
            failure = t;
        }
        CONTROL.getAndBitwiseOr(this, FAILED);
        if (t instanceof StoreException se) {
            return se;
        }
        return new StoreException(StoreConfig.STORE_NAME + ": I/O failed; the store accepts no more operations: "
            + t.getMessage(), t);
    }

    /* ---------------------------------------------------------------- quiesce and grace period */

    /**
     * Sets QUIESCE and waits until no session is inside an operation (the quiescer's half of the handshake in
     * {@link #enter}); returns the sessions it waited for, which stay outside until {@link #release}.
     */
    SessionState[] quiesce() {
        CONTROL.getAndBitwiseOr(this, QUIESCE);
        final SessionState[] snapshot = sessionStates();
        for (final SessionState s : snapshot) {
            while (s != null && s.inOperation()) {
                Thread.onSpinWait();
            }
        }
        return snapshot;
    }

    /** Ends a quiesce. Volatile: what the quiescer did happens-before every operation that reads the cleared word. */
    void release() {
        CONTROL.getAndBitwiseAnd(this, ~QUIESCE);
    }

    /** Waits until every operation that was running when it was called has ended (an RCU grace period). */
    void awaitGracePeriod() {
        for (final SessionState s : sessionStates()) {
            if (s == null || !s.inOperation()) {
                continue;
            }
            final long serial = s.serialOpaque();
            while (s.inOperation() && s.serialOpaque() == serial) {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    /** At close, after {@link #markClosed}: waits for the operations that entered before it to leave. */
    void awaitAllOut() {
        for (final SessionState s : sessionStates()) {
            while (s != null && s.inOperation()) {
                LockSupport.parkNanos(50_000);
            }
        }
    }
}
