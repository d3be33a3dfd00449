package io.jitskit.gate;

import io.jitskit.api.Session;
import io.jitskit.workload.KeySpace;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's buffers for talking to a store: a key buffer and a value buffer to write from, an output buffer to read
 * into, and slices of each per length, made once on first use so that the per-operation path allocates nothing after
 * warm-up. Confined to its thread, like a session.
 */
public final class Lane {

    private final Workbench bench;
    private final KeySpace keys;
    private final boolean upserts;
    private final MemorySegment keyBuffer;
    private final MemorySegment valueBuffer;
    private final MemorySegment outBuffer;
    private final MemorySegment[] keySlices;
    private final MemorySegment[] valueSlices;
    private final MemorySegment[] outSlices;

    Lane(final Workbench bench, final Arena arena) {
        this.bench = bench;
        this.keys = bench.keys();
        this.upserts = bench.supports(io.jitskit.spec.Operation.UPSERT);
        final int maxKey = keys.maxKeyBytes();
        // One spare byte on every buffer: probes write values one byte longer than the spec allows.
        final int maxValue = bench.maxValueBytes() + 1;
        this.keyBuffer = arena.allocate(maxKey, Long.BYTES);
        this.valueBuffer = arena.allocate(maxValue, Long.BYTES);
        this.outBuffer = arena.allocate(maxValue, Long.BYTES);
        this.keySlices = new MemorySegment[maxKey + 1];
        this.valueSlices = new MemorySegment[maxValue + 1];
        this.outSlices = new MemorySegment[maxValue + 1];
    }

    /** The key of {@code keyId}, in this lane's key buffer (valid until the next call). */
    public MemorySegment key(final long keyId) {
        final int length = keys.writeKey(keyId, keyBuffer);
        MemorySegment slice = keySlices[length];
        if (slice == null) {
            slice = keyBuffer.asSlice(0, length);
            keySlices[length] = slice;
        }
        return slice;
    }

    /** Version {@code version} of {@code keyId}, {@code size} bytes, in this lane's value buffer. */
    public MemorySegment value(final ValueCodec codec, final long keyId, final long version, final int size) {
        final MemorySegment v = valueSlice(size);
        codec.write(keyId, version, v);
        return v;
    }

    /** The first {@code size} bytes of the value buffer, for writing raw bytes. */
    public MemorySegment valueSlice(final int size) {
        MemorySegment slice = valueSlices[size];
        if (slice == null) {
            slice = valueBuffer.asSlice(0, size);
            valueSlices[size] = slice;
        }
        return slice;
    }

    /** The whole output buffer: one byte more than the largest value the spec allows. */
    public MemorySegment out() {
        return outBuffer;
    }

    /** The first {@code length} bytes of the output buffer, as the last read left them. */
    public MemorySegment out(final int length) {
        MemorySegment slice = outSlices[length];
        if (slice == null) {
            slice = outBuffer.asSlice(0, length);
            outSlices[length] = slice;
        }
        return slice;
    }

    /**
     * Sets {@code keyId} to {@code value} with the operations the spec has: upsert; or, for a spec of inserts and
     * deletes only, insert, preceded by a delete when the key is present (readers may then see it absent in between).
     */
    public void write(final Session session, final long keyId, final MemorySegment value) {
        final MemorySegment key = key(keyId);
        if (upserts) {
            session.upsert(key, value);
        } else if (!session.insert(key, value)) {
            session.delete(key);
            session.insert(key, value);
        }
    }

    /** Reads {@code keyId} into the output buffer: the value's length or {@link Session#NOT_FOUND}. */
    public int read(final Session session, final long keyId) {
        return session.read(key(keyId), outBuffer);
    }

    public Workbench bench() {
        return bench;
    }
}
