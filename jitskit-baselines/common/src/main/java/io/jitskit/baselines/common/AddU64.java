package io.jitskit.baselines.common;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The {@code add-u64} read-modify-write: the first 8 bytes of a value are a little-endian counter, a delta is added
 * with wrap-around (unsigned arithmetic and two's-complement addition agree), the rest of the value is unchanged.
 */
public final class AddU64 {

    private static final ValueLayout.OfLong COUNTER =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private AddU64() {
    }

    /** The counter of {@code value}. */
    public static long counter(final MemorySegment value) {
        return value.get(COUNTER, 0);
    }

    /** Adds {@code delta} to the counter of {@code value} in place and returns the new counter. */
    public static long addInPlace(final MemorySegment value, final long delta) {
        final long updated = value.get(COUNTER, 0) + delta;
        value.set(COUNTER, 0, updated);
        return updated;
    }

    /** Adds {@code delta} to the counter held in {@code value[0..8)} and returns the new counter. */
    public static long addInPlace(final byte[] value, final long delta) {
        return addInPlace(MemorySegment.ofArray(value), delta);
    }
}
