package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.LONG;

import io.jitskit.api.Session;
import io.jitskit.api.StoreException;
import io.jitskit.api.ValueSizeException;
import java.lang.foreign.MemorySegment;

/**
 * One thread's operations on a {@link LogStore}. Spec checks run before the operation enters (a rejected operation
 * takes no serial); every operation that completes takes exactly one. Nothing here allocates: keys are read as a long,
 * values are copied from the caller's segment into the session's own log ring.
 *
 * <p>Writes append a record to this session's log first and then make the index point at it with a CAS from the
 * meta they saw; a CAS that loses to a concurrent writer re-reads and tries again (for upsert the record stays valid;
 * for rmw it is recomputed). A record no meta points to is dead weight the compactor drops.
 */
final class LogSession implements Session {

    static final boolean SUPPORTS_UPSERT = StoreConfig.SUPPORTS_UPSERT;
    static final boolean SUPPORTS_RMW = StoreConfig.SUPPORTS_RMW;
    static final boolean SUPPORTS_DELETE = StoreConfig.SUPPORTS_DELETE;
    static final boolean SUPPORTS_INSERT = StoreConfig.SUPPORTS_INSERT;
    static final String ALLOWED_VALUE_SIZES = StoreConfig.VALUE_SIZES_ALLOWED_TEXT;

    private final LogStore store;
    private final SessionState state;
    private final HashIndex index;
    private final long[] found;
    private boolean closed;

    LogSession(final LogStore store, final SessionState state) {
        this.store = store;
        this.state = state;
        this.index = store.index;
        this.found = state.found;
    }

    @Override
    public int id() {
        return state.id;
    }

    @Override
    public long serial() {
        return state.serialPlain();
    }

    /* ---- Spec checks: before the operation, so a rejected one takes no serial ---- */

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("session " + state.id + " is closed; open a new one with openSession");
        }
    }

    private static long keyOf(final MemorySegment key) {
        if (key.byteSize() != Long.BYTES) {
            throw new StoreException("key of " + key.byteSize() + " bytes is outside the spec's key format (8-byte "
                + "ids, workload.keys); send 8-byte keys");
        }
        return key.get(LONG, 0);
    }

    private static int checkValue(final long size) {
        if (!sizeAllowed(size)) {
            throw new ValueSizeException(size, ALLOWED_VALUE_SIZES);
        }
        return (int) size;
    }

    static boolean sizeAllowed(final long size) {
        // Constant conditions: javac keeps one of the three returns, the one the template spliced in.
        if (StoreConfig.VALUE_SIZES_RANGE) {
            return size >= StoreConfig.VALUE_SIZE_MIN && size <= StoreConfig.VALUE_SIZE_MAX;
        }
        if (StoreConfig.VALUE_SIZE_MIN == StoreConfig.VALUE_SIZE_MAX) {
            return size == StoreConfig.VALUE_SIZE_MIN;
        }
        return size == StoreConfig.VALUE_SIZE_MIN || size == StoreConfig.VALUE_SIZE_MAX;
    }

    private static void unsupported(final String op) {
        throw new UnsupportedOperationException(op + " is not among the operations spec '" + StoreConfig.SPEC_NAME
            + "' requires (requirements.operations: " + LogStore.OPERATIONS + "); add it there and regenerate the "
            + "store");
    }

    /* ---- Operations ---- */

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        requireOpen();
        final long k = keyOf(key);
        final long h = Layout.hash(k);
        final SessionState s = state;
        store.enter(s);
        try {
            int result;
            while (true) {
                final long slot = index.find(k, h, found);
                final long meta = found[0];
                if (slot == HashIndex.ABSENT || !Layout.isLive(meta)) {
                    result = NOT_FOUND;
                    break;
                }
                result = store.readValue(s, k, h, meta, out);
                if (result != LogStore.RETRY) {
                    break;
                }
                // The segment went away under us: compaction moved the record, so the meta has moved too.
                requireMoved(slot, meta);
                s.retries++;
            }
            s.completeOperation();
            return result;
        } finally {
            s.leaveOperation();
        }
    }

    private void requireMoved(final long slot, final long meta) {
        if (index.metaAcquire(slot) == meta) {
            throw store.fail(new StoreException("meta " + Long.toHexString(meta) + " names a record whose segment is "
                + "gone while the index still points to it: a compaction bug"));
        }
    }

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
        requireOpen();
        if (!SUPPORTS_UPSERT) {
            unsupported("upsert");
        }
        final long k = keyOf(key);
        final int length = checkValue(value.byteSize());
        final long h = Layout.hash(k);
        final SessionState s = state;
        store.enter(s);
        try {
            final long next = length <= LogStore.INLINE_MAX ? Layout.inlineMeta(value, length)
                : store.append(s, k, value, length);
            put(k, h, next, false);
            s.completeOperation();
        } finally {
            s.leaveOperation();
        }
    }

    @Override
    public boolean insert(final MemorySegment key, final MemorySegment value) {
        requireOpen();
        if (!SUPPORTS_INSERT) {
            unsupported("insert");
        }
        final long k = keyOf(key);
        final int length = checkValue(value.byteSize());
        final long h = Layout.hash(k);
        final SessionState s = state;
        store.enter(s);
        try {
            boolean inserted = false;
            final long slot = index.find(k, h, found);
            if (slot == HashIndex.ABSENT || !Layout.isLive(found[0])) {
                final long next = length <= LogStore.INLINE_MAX ? Layout.inlineMeta(value, length)
                    : store.append(s, k, value, length);
                // A concurrent insert may win; then our record is dead and we report "present".
                inserted = !Layout.isLive(put(k, h, next, true));
            }
            s.completeOperation();
            return inserted;
        } finally {
            s.leaveOperation();
        }
    }

    /**
     * Makes {@code key} name {@code next}; returns the meta it replaced (EMPTY or a tombstone when absent). With
     * {@code onlyIfAbsent}, a live key is left alone and its meta returned.
     */
    private long put(final long k, final long h, final long next, final boolean onlyIfAbsent) {
        while (true) {
            long slot = index.find(k, h, found);
            if (slot == HashIndex.ABSENT) {
                slot = claim(k, h);
                if (found[1] == 0) {
                    index.releaseMeta(slot, next);
                    store.account(state, Layout.EMPTY, next);
                    return Layout.EMPTY;
                }
            }
            final long meta = found[0];
            if (onlyIfAbsent && Layout.isLive(meta)) {
                return meta;
            }
            // Unique metas (see Layout): success means the slot still holds our key and nothing changed since.
            if (index.casMeta(slot, meta, next)) {
                store.account(state, meta, next);
                return meta;
            }
            state.retries++;
        }
    }

    @Override
    public boolean delete(final MemorySegment key) {
        requireOpen();
        if (!SUPPORTS_DELETE) {
            unsupported("delete");
        }
        final long k = keyOf(key);
        final long h = Layout.hash(k);
        final SessionState s = state;
        store.enter(s);
        try {
            boolean deleted = false;
            while (true) {
                final long slot = index.find(k, h, found);
                final long meta = found[0];
                if (slot == HashIndex.ABSENT || !Layout.isLive(meta)) {
                    break;
                }
                // The tombstone names this session and serial: unique, so it can never be mistaken for another.
                final long tombstone = Layout.tombstone(s.id, s.serialPlain() + 1);
                if (index.casMeta(slot, meta, tombstone)) {
                    store.account(s, meta, tombstone);
                    deleted = true;
                    break;
                }
                s.retries++;
            }
            s.completeOperation();
            return deleted;
        } finally {
            s.leaveOperation();
        }
    }

    @Override
    public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
        requireOpen();
        if (!SUPPORTS_RMW) {
            unsupported("rmw");
        }
        final long k = keyOf(key);
        final int initialLength = checkValue(initial.byteSize());
        if (initialLength < Long.BYTES) {
            throw new StoreException("rmw add-u64 needs a value of at least 8 bytes, was " + initialLength + "; give "
                + "rmw an initial value of 8 bytes or more");
        }
        final long h = Layout.hash(k);
        final SessionState s = state;
        final MemorySegment buffer = s.valueBuffer;
        store.enter(s);
        try {
            long counter;
            while (true) {
                long slot = index.find(k, h, found);
                final long meta = found[0];
                final boolean present = slot != HashIndex.ABSENT && Layout.isLive(meta);
                final int length;
                if (present) {
                    length = store.readValue(s, k, h, meta, buffer);
                    if (length == LogStore.RETRY) {
                        requireMoved(slot, meta);
                        s.retries++;
                        continue;
                    }
                    if (length < Long.BYTES) {
                        throw new StoreException("rmw add-u64 on a value of " + length + " bytes: it has no 8-byte "
                            + "counter; rmw keys must hold values of 8 bytes or more");
                    }
                } else {
                    length = initialLength;
                    MemorySegment.copy(initial, 0, buffer, 0, length);
                }
                counter = buffer.get(LONG, 0) + delta;
                buffer.set(LONG, 0, counter);
                final long next = store.append(s, k, buffer, length);
                if (slot == HashIndex.ABSENT) {
                    slot = claim(k, h);
                    if (found[1] == 0) {
                        index.releaseMeta(slot, next);
                        store.account(s, Layout.EMPTY, next);
                        break;
                    }
                    s.retries++;
                    continue; // someone inserted the key meanwhile: recompute from its value
                }
                if (index.casMeta(slot, meta, next)) {
                    store.account(s, meta, next);
                    break;
                }
                s.retries++;
            }
            s.completeOperation();
            return counter;
        } finally {
            s.leaveOperation();
        }
    }

    /**
     * {@link HashIndex#claim}, compacting the index once when its claimed-slot bound is reached: the bound counts the
     * tombstones of deleted keys, which a time-ordered window leaves behind faster than new keys reuse them.
     */
    private long claim(final long k, final long h) {
        try {
            return index.claim(k, h, found);
        } catch (final HashIndex.Full full) {
            store.compactIndex(state);
            try {
                return index.claim(k, h, found);
            } catch (final HashIndex.Full stillFull) {
                throw index.fullException();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.closeSession(state);
        }
    }
}
