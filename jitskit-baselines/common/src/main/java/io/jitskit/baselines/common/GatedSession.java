package io.jitskit.baselines.common;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import java.lang.foreign.MemorySegment;

/**
 * A session whose every operation passes the store's {@link OperationGate}: it is numbered, its key and value are
 * checked against the spec, and only then is the wrapped store called. Subclasses implement the five operations on
 * checked input and never see the gate.
 *
 * <p>An operation refused for its input (a key or value of a size the spec does not allow, a read buffer too small)
 * takes no serial: it is checked before it is numbered, and a read whose value does not fit gives its serial back
 * before it leaves the gate, so no checkpoint can have seen it.
 */
public abstract class GatedSession implements Session {

    private final OperationGate gate;
    private final OperationGate.Slot slot;
    protected final SpecBounds bounds;
    private boolean closed;

    protected GatedSession(final OperationGate gate, final OperationGate.Slot slot, final SpecBounds bounds) {
        this.gate = gate;
        this.slot = slot;
        this.bounds = bounds;
    }

    @Override
    public final int id() {
        return slot.sessionId();
    }

    @Override
    public final long serial() {
        return slot.serial();
    }

    @Override
    public final int read(final MemorySegment key, final MemorySegment out) {
        bounds.checkKey(key);
        gate.enter(slot);
        try {
            final long serial = slot.advance();
            try {
                return doRead(key, out, serial);
            } catch (final BufferTooSmallException e) {
                slot.retreat();
                throw e;
            }
        } finally {
            gate.exit(slot);
        }
    }

    @Override
    public final void upsert(final MemorySegment key, final MemorySegment value) {
        bounds.checkKey(key);
        bounds.checkValue(value);
        gate.enter(slot);
        try {
            final long serial = slot.advance();
            doUpsert(key, value, serial);
        } finally {
            gate.exit(slot);
        }
    }

    @Override
    public final long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
        bounds.checkKey(key);
        bounds.checkRmwInitial(initial);
        gate.enter(slot);
        try {
            final long serial = slot.advance();
            return doRmw(key, delta, initial, serial);
        } finally {
            gate.exit(slot);
        }
    }

    @Override
    public final boolean delete(final MemorySegment key) {
        bounds.checkKey(key);
        gate.enter(slot);
        try {
            final long serial = slot.advance();
            return doDelete(key, serial);
        } finally {
            gate.exit(slot);
        }
    }

    @Override
    public final boolean insert(final MemorySegment key, final MemorySegment value) {
        bounds.checkKey(key);
        bounds.checkValue(value);
        gate.enter(slot);
        try {
            final long serial = slot.advance();
            return doInsert(key, value, serial);
        } finally {
            gate.exit(slot);
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            try {
                closeResources();
            } finally {
                gate.release(slot);
            }
        }
    }

    /**
     * Copies a value of {@code length} bytes found at {@code source} into the caller's buffer.
     *
     * @return {@code length}
     * @throws BufferTooSmallException when it does not fit; the caller's buffer is left untouched
     */
    protected static int deliver(final MemorySegment source, final long length, final MemorySegment out) {
        if (length > out.byteSize()) {
            throw new BufferTooSmallException(length, out.byteSize());
        }
        MemorySegment.copy(source, 0, out, 0, length);
        return (int) length;
    }

    /** @param serial this operation's serial, for stores that persist it with the write */
    protected abstract int doRead(MemorySegment key, MemorySegment out, long serial);

    protected abstract void doUpsert(MemorySegment key, MemorySegment value, long serial);

    protected abstract long doRmw(MemorySegment key, long delta, MemorySegment initial, long serial);

    protected abstract boolean doDelete(MemorySegment key, long serial);

    protected abstract boolean doInsert(MemorySegment key, MemorySegment value, long serial);

    /** Frees what the session holds (buffers, transactions, connections). */
    protected void closeResources() {
    }
}
