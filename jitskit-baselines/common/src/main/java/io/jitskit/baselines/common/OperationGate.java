package io.jitskit.baselines.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a checkpoint see every session between two operations, so that the per-session serials it captures name an
 * exact prefix (FASTER's CPR contract, obtained here the blunt way: by a short stop instead of version shifts).
 *
 * <p>A reader-writer lock with one reader slot per session: an operation marks its own slot active, which touches no
 * shared cache line, and a checkpoint closes the gate and waits for every slot to go idle. The session's serial lives
 * in its slot, written only by the owner inside the gate, so the checkpoint reads it race-free once the slot is idle.
 *
 * <p>Concurrency: Dekker's handshake. {@link #enter} stores {@code active = 1} then loads {@code closed}; a checkpoint
 * stores {@code closed = true} then loads each {@code active}. Both pairs are volatile, hence sequentially
 * consistent: at least one side sees the other's store, so an operation never runs unseen inside a closed gate.
 */
public final class OperationGate {

    private static final VarHandle ACTIVE;
    private static final VarHandle CLOSED;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACTIVE = lookup.findVarHandle(Slot.class, "active", int.class);
            CLOSED = lookup.findVarHandle(OperationGate.class, "closed", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Longest park while a closed gate holds an operation back; a checkpoint's flush is far longer than this. */
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile boolean closed;
    private final ConcurrentHashMap<Integer, Slot> slots = new ConcurrentHashMap<>();
    private final ReentrantLock oneCheckpointAtATime = new ReentrantLock();

    /**
     * @param recoveredSerials per session id, the serial restored from durable state; such sessions start there
     */
    public OperationGate(final Map<Integer, Long> recoveredSerials) {
        recoveredSerials.forEach((id, serial) -> slots.put(id, new Slot(id, serial)));
    }

    /** Claims the slot of {@code sessionId}, creating it at serial 0 the first time. */
    public Slot claim(final int sessionId) {
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must be non-negative, was " + sessionId);
        }
        final Slot slot = slots.computeIfAbsent(sessionId, id -> new Slot(id, 0));
        synchronized (slot) {
            if (slot.open) {
                throw new IllegalStateException("session " + sessionId + " is already open; close it first or use "
                    + "another id");
            }
            slot.open = true;
        }
        return slot;
    }

    /** Gives the slot back; its serial is kept, so a session reopened with this id continues from it. */
    public void release(final Slot slot) {
        synchronized (slot) {
            slot.open = false;
        }
    }

    /** Marks the start of one operation of {@code slot}'s owner, waiting while a checkpoint holds the gate. */
    public void enter(final Slot slot) {
        while (true) {
            // Volatile store, then volatile load of closed: the StoreLoad edge of the Dekker handshake.
            ACTIVE.setVolatile(slot, 1);
            if (!(boolean) CLOSED.getVolatile(this)) {
                return;
            }
            // Back off so the checkpoint can see this slot idle; release pairs with its acquire load.
            ACTIVE.setRelease(slot, 0);
            while ((boolean) CLOSED.getVolatile(this)) {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    /** Marks the end of the operation; its effects and serial are published to the next checkpoint. */
    public void exit(final Slot slot) {
        // Release: the operation's writes and the serial increment happen-before a checkpoint's acquire of idle.
        ACTIVE.setRelease(slot, 0);
    }

    /**
     * Stops every session between operations, runs {@code action} with the serial of each session ever opened (or
     * recovered), and reopens the gate. One action runs at a time.
     */
    public <T, E extends Exception> T quiesce(final QuiescentAction<T, E> action) throws E {
        oneCheckpointAtATime.lock();
        try {
            // Volatile store, then volatile loads of each slot: the checkpoint's half of the handshake.
            CLOSED.setVolatile(this, true);
            try {
                for (final Slot slot : slots.values()) {
                    // Acquire pairs with exit's release: what the operation wrote is visible from here on.
                    while ((int) ACTIVE.getAcquire(slot) != 0) {
                        Thread.onSpinWait();
                    }
                }
                final TreeMap<Integer, Long> serials = new TreeMap<>();
                for (final Slot slot : slots.values()) {
                    serials.put(slot.sessionId, slot.serial);
                }
                return action.run(Collections.unmodifiableMap(serials));
            } finally {
                CLOSED.setVolatile(this, false);
            }
        } finally {
            oneCheckpointAtATime.unlock();
        }
    }

    /** Work done while no operation runs. */
    @FunctionalInterface
    public interface QuiescentAction<T, E extends Exception> {
        /**
         * @param serials per session id, the serial of its last completed operation
         */
        T run(Map<Integer, Long> serials) throws E;
    }

    /** One session's place at the gate. Its serial is owned by the session's thread. */
    public static final class Slot {

        private final int sessionId;
        @SuppressWarnings("unused") // accessed through ACTIVE
        private volatile int active;
        /** Written only by the owning session inside the gate; read by checkpoints after an acquire of idle. */
        private long serial;
        /** Guarded by {@code this}. */
        private boolean open;

        Slot(final int sessionId, final long serial) {
            this.sessionId = sessionId;
            this.serial = serial;
        }

        public int sessionId() {
            return sessionId;
        }

        /** The serial of the owner's last operation. Owner thread only. */
        public long serial() {
            return serial;
        }

        /** Numbers the owner's next operation and returns its serial. Owner thread only, inside the gate. */
        public long advance() {
            return ++serial;
        }

        /** Takes back the serial of an operation refused before it changed anything. Owner thread, inside the gate. */
        public void retreat() {
            --serial;
        }
    }
}
