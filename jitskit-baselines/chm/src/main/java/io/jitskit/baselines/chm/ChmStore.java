package io.jitskit.baselines.chm;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.StoreContext;
import io.jitskit.baselines.common.AddU64;
import io.jitskit.baselines.common.BaselineStore;
import io.jitskit.baselines.common.GatedSession;
import io.jitskit.baselines.common.OperationGate;
import io.jitskit.baselines.common.SpecBounds;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Layout: one ConcurrentHashMap. Fixed 8-byte keys are boxed as Long (the id itself, so equal keys are equal
 * objects); variable keys are wrapped byte arrays with a cached hash. Values are immutable byte arrays: a write
 * installs a fresh array, so a reader holding the old one can never see it change (no torn reads, by construction).
 *
 * Concurrency: the map's own per-bin locking. rmw is compute(), which runs the add under the bin's lock, so it is
 * atomic with respect to every other write of the key; insert is putIfAbsent. Reads are lock-free gets.
 *
 * Durability & recovery: none. checkpoint() refuses; a store always opens empty.
 *
 * Spec-card fields exploited: the key format (Long keys when every key is 8 bytes) and the key count (initial
 * capacity, so the load phase never resizes).
 */
final class ChmStore extends BaselineStore {

    /** Bytes per entry beyond the value: Node 32, boxed Long or wrapper 16-40, array header 16, table slot ~11. */
    private static final int ENTRY_OVERHEAD_ID8 = 32 + 16 + 16 + 11;
    private static final int ENTRY_OVERHEAD_VARIABLE = 32 + 24 + 16 + 16 + 11;

    private static final ValueLayout.OfLong KEY_ID =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final ConcurrentHashMap<Object, byte[]> map;
    private final boolean id8;

    ChmStore(final String name, final StoreContext context) {
        super(name, context, Recovery.none(), Durability.none(), Map.of(
            "map", "java.util.concurrent.ConcurrentHashMap",
            "initial.capacity", Long.toString(initialCapacity(context.spec())),
            "keys", new SpecBounds(context.spec()).fixedId8Keys() ? "boxed Long" : "wrapped byte[]",
            "values", "immutable byte[] per write"));
        this.id8 = bounds.fixedId8Keys();
        this.map = new ConcurrentHashMap<>((int) initialCapacity(context.spec()));
    }

    /** Expected heap bytes per entry, for the memory-budget check. */
    static double entryBytes(final Spec spec) {
        final SpecBounds b = new SpecBounds(spec);
        return (b.fixedId8Keys() ? ENTRY_OVERHEAD_ID8 : ENTRY_OVERHEAD_VARIABLE + b.maxKeyBytes())
            + b.meanValueBytes();
    }

    private static long initialCapacity(final Spec spec) {
        return Math.min(Integer.MAX_VALUE >> 1, Math.max(16, spec.workload().keyCount()));
    }

    @Override
    protected GatedSession newSession(final OperationGate.Slot slot) {
        return new ChmSession(slot);
    }

    @Override
    public Checkpoint checkpoint() {
        throw new UnsupportedOperationException("chm keeps nothing durable; it serves only durability none");
    }

    @Override
    public void close() {
        map.clear();
    }

    private Object keyOf(final MemorySegment key) {
        return id8 ? Long.valueOf(key.get(KEY_ID, 0)) : new BytesKey(key.toArray(ValueLayout.JAVA_BYTE));
    }

    private final class ChmSession extends GatedSession {

        ChmSession(final OperationGate.Slot slot) {
            super(gate, slot, ChmStore.this.bounds);
        }

        @Override
        protected int doRead(final MemorySegment key, final MemorySegment out, final long serial) {
            final byte[] value = map.get(keyOf(key));
            return value == null ? NOT_FOUND : deliver(MemorySegment.ofArray(value), value.length, out);
        }

        @Override
        protected void doUpsert(final MemorySegment key, final MemorySegment value, final long serial) {
            map.put(keyOf(key), value.toArray(ValueLayout.JAVA_BYTE));
        }

        @Override
        protected long doRmw(final MemorySegment key, final long delta, final MemorySegment initial,
                             final long serial) {
            final byte[] updated = map.compute(keyOf(key), (k, old) -> {
                // Never add in place: a concurrent reader may be copying the old array.
                final byte[] next = old == null ? initial.toArray(ValueLayout.JAVA_BYTE) : old.clone();
                AddU64.addInPlace(next, delta);
                return next;
            });
            return AddU64.counter(MemorySegment.ofArray(updated));
        }

        @Override
        protected boolean doDelete(final MemorySegment key, final long serial) {
            return map.remove(keyOf(key)) != null;
        }

        @Override
        protected boolean doInsert(final MemorySegment key, final MemorySegment value, final long serial) {
            return map.putIfAbsent(keyOf(key), value.toArray(ValueLayout.JAVA_BYTE)) == null;
        }
    }

    /** A variable-length key: equal by content, hash computed once. */
    private static final class BytesKey {
        private final byte[] bytes;
        private final int hash;

        BytesKey(final byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof BytesKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
