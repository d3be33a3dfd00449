package io.jitskit.baselines.chronicle;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
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
import java.util.LinkedHashMap;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;

/*
 * Layout: one off-heap ChronicleMap. Fixed 8-byte keys are Long keys of constant size 8; variable keys are byte[]
 * with the spec's average size. Values are byte[] sized by averageValueSize, entries = key count (with the spec's
 * key count Chronicle sizes its segments and tiers once; more keys than that spill into extra tiers).
 *
 * Concurrency: Chronicle Map's per-segment read-write locks: get copies the value under the segment's read lock, so
 * reads are never torn; compute (rmw) and putIfAbsent (insert) run under the segment's write lock, so they are
 * atomic per key.
 *
 * Durability & recovery: none. The map lives off-heap and dies with the process. Why not a persisted file with
 * checkpoints: the file is a live shared mapping, so it already holds every write made after a checkpoint (a kill
 * loses none of them, and an msync cannot take them back); Chronicle Map has no multi-key transaction to write the
 * session serials in the same unit as the data; so the recovered file could not be described by exact serials. The
 * honest alternative, copying the whole file while sessions are stopped, would pause writers for seconds per
 * checkpoint at the suite's sizes; it is not done, and durable cards are declined with the reason.
 *
 * Spec-card fields exploited: key format (constant 8-byte keys), key count (entries), value sizes
 * (averageValueSize), memory budget (declined when the map cannot fit).
 */
final class ChronicleMapStore extends BaselineStore {

    /** Bytes per entry beyond key and value: entry header, size prefixes, hash lookup slot, tier slack. */
    private static final int ENTRY_OVERHEAD = 24;
    private static final ValueLayout.OfLong KEY_ID =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final ChronicleMap<Object, byte[]> map;
    private final boolean id8;

    ChronicleMapStore(final String name, final StoreContext context) {
        super(name, context, Recovery.none(), Durability.none(), describe(context.spec()));
        this.id8 = bounds.fixedId8Keys();
        this.map = build(context.spec(), bounds);
    }

    static long offHeapBytes(final Spec spec) {
        final SpecBounds b = new SpecBounds(spec);
        return (long) (spec.workload().keyCount() * (b.maxKeyBytes() + b.meanValueBytes() + ENTRY_OVERHEAD) * 1.3);
    }

    private static Map<String, String> describe(final Spec spec) {
        final SpecBounds b = new SpecBounds(spec);
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("entries", Long.toString(entries(spec)));
        config.put("keys", b.fixedId8Keys() ? "Long, constant size 8" : "byte[], average " + b.maxKeyBytes());
        config.put("averageValueSize", Long.toString(Math.round(b.meanValueBytes())));
        config.put("storage", "off-heap, not persisted");
        config.put("rmw", "ChronicleMap.compute under the segment write lock");
        return config;
    }

    private static long entries(final Spec spec) {
        return Math.max(1_000, spec.workload().keyCount());
    }

    @SuppressWarnings("unchecked")
    private static ChronicleMap<Object, byte[]> build(final Spec spec, final SpecBounds b) {
        final double averageValue = Math.max(1, b.meanValueBytes());
        if (b.fixedId8Keys()) {
            final ChronicleMap<Long, byte[]> m = ChronicleMap.of(Long.class, byte[].class)
                .name("jitskit-" + spec.name())
                .entries(entries(spec))
                .averageValueSize(averageValue)
                .create();
            return (ChronicleMap<Object, byte[]>) (ChronicleMap<?, byte[]>) m;
        }
        final ChronicleMap<byte[], byte[]> m = ChronicleMap.of(byte[].class, byte[].class)
            .name("jitskit-" + spec.name())
            .entries(entries(spec))
            .averageKeySize(b.maxKeyBytes())
            .averageValueSize(averageValue)
            .create();
        return (ChronicleMap<Object, byte[]>) (ChronicleMap<?, byte[]>) m;
    }

    @Override
    protected GatedSession newSession(final OperationGate.Slot slot) {
        return new ChronicleSession(slot);
    }

    @Override
    public Checkpoint checkpoint() {
        throw new UnsupportedOperationException("chronicle-map serves only durability none; it takes no checkpoints");
    }

    @Override
    public void close() {
        map.close();
    }

    private Object keyOf(final MemorySegment key) {
        return id8 ? Long.valueOf(key.get(KEY_ID, 0)) : key.toArray(ValueLayout.JAVA_BYTE);
    }

    private final class ChronicleSession extends GatedSession {

        ChronicleSession(final OperationGate.Slot slot) {
            super(gate, slot, ChronicleMapStore.this.bounds);
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
                if (old != null && old.length < Long.BYTES) {
                    throw new StoreException("rmw add-u64 on a " + old.length + "-byte value: it has no 8-byte "
                        + "counter");
                }
                final byte[] next = old == null ? initial.toArray(ValueLayout.JAVA_BYTE) : old;
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
}
