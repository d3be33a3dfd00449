package io.jitskit.stores.reference;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.spec.Operation;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A session on a {@link ReferenceStore}: validates against the spec, copies the caller's bytes, and hands the
 * operation to the store. Used by one thread; the checks here run before anything changes, so a rejected operation
 * takes no serial number.
 */
final class ReferenceSession implements Session {

    private final ReferenceStore store;
    private final SpecRules rules;
    private final SessionState state;
    private boolean closed;

    ReferenceSession(final ReferenceStore store, final SpecRules rules, final SessionState state) {
        this.store = store;
        this.rules = rules;
        this.state = state;
    }

    @Override
    public int id() {
        return state.id;
    }

    @Override
    public long serial() {
        return state.serial;
    }

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        requireOpen();
        rules.checkKey(key);
        final byte[] value = store.get(Key.copyOf(key));
        if (value == null) {
            state.serial = state.serial + 1;
            return NOT_FOUND;
        }
        if (value.length > out.byteSize()) {
            throw new BufferTooSmallException(value.length, out.byteSize());
        }
        MemorySegment.copy(value, 0, out, ValueLayout.JAVA_BYTE, 0, value.length);
        state.serial = state.serial + 1;
        return value.length;
    }

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
        requireOpen();
        rules.requireOperation(Operation.UPSERT);
        rules.checkKey(key);
        rules.checkValue(value.byteSize());
        store.upsert(state, Key.copyOf(key), value.toArray(ValueLayout.JAVA_BYTE));
        store.compactIfLogOutgrew();
    }

    @Override
    public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
        requireOpen();
        rules.requireOperation(Operation.RMW);
        rules.checkKey(key);
        rules.checkRmwInitial(initial.byteSize());
        final long counter = store.rmw(state, Key.copyOf(key), delta, initial.toArray(ValueLayout.JAVA_BYTE));
        store.compactIfLogOutgrew();
        return counter;
    }

    @Override
    public boolean delete(final MemorySegment key) {
        requireOpen();
        rules.requireOperation(Operation.DELETE);
        rules.checkKey(key);
        final boolean present = store.delete(state, Key.copyOf(key));
        store.compactIfLogOutgrew();
        return present;
    }

    @Override
    public boolean insert(final MemorySegment key, final MemorySegment value) {
        requireOpen();
        rules.requireOperation(Operation.INSERT);
        rules.checkKey(key);
        rules.checkValue(value.byteSize());
        final boolean inserted = store.insert(state, Key.copyOf(key), value.toArray(ValueLayout.JAVA_BYTE));
        store.compactIfLogOutgrew();
        return inserted;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state.release();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("session " + state.id + " is closed; open a new one with openSession");
        }
    }
}
