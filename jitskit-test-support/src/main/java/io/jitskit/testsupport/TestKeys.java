package io.jitskit.testsupport;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Keys and deterministic bits for tests: 8-byte keys of scattered ids, and a seedable mixing function. */
public final class TestKeys {

    /** A little-endian 64-bit layout that needs no alignment, for keys and counters inside values. */
    public static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Bytes of an id key. */
    public static final int ID_KEY_BYTES = Long.BYTES;

    private TestKeys() {
    }

    /**
     * A bijection on 64-bit values (SplitMix64's finalizer): distinct inputs give distinct outputs, and neighbouring
     * inputs land far apart, so small test ids make a sparse, non-dense key set.
     */
    public static long scatter(final long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A well-mixed function of three values, for deterministic pseudo-random choices. */
    public static long mix(final long a, final long b, final long c) {
        return scatter(scatter(scatter(a) ^ b) ^ c);
    }

    /** Writes the key for {@code id} (scattered, little-endian) into the first 8 bytes of {@code key}. */
    public static void writeIdKey(final MemorySegment key, final long id) {
        key.set(LONG_LE, 0, scatter(id));
    }

    /** Fills {@code dst[from, dst.byteSize())} with bytes derived from {@code a}, {@code b}, {@code c}. */
    public static void fill(final MemorySegment dst, final long from, final long a, final long b, final long c) {
        final long size = dst.byteSize();
        long word = 0;
        for (long i = from; i < size; i++) {
            if (((i - from) & 7) == 0) {
                word = mix(a, b, c + i);
            }
            dst.set(ValueLayout.JAVA_BYTE, i, (byte) word);
            word >>>= 8;
        }
    }
}
