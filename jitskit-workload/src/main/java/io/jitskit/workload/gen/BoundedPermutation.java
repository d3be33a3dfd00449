package io.jitskit.workload.gen;

/**
 * A seeded pseudo-random permutation of {@code [0, n)} for any n, in O(1) space.
 *
 * <p>A keyed bijection on {@code b}-bit words ({@code 2^b} the next power of two at or above n: add a key, multiply
 * by an odd constant, xor-shift right, three rounds, each step a bijection modulo {@code 2^b}) restricted to
 * {@code [0, n)} by cycle walking (Black and Rogaway, 2002): apply it until the result falls inside. Because
 * {@code 2^b < 2n}, fewer than two steps are expected. Used to scatter zipfian ranks over ids and to shuffle the load
 * order without an n-sized array. Immutable and thread-safe.
 */
public final class BoundedPermutation {

    private static final int ROUNDS = 3;

    private final long n;
    private final long mask;
    private final int shift;
    private final long[] addKeys = new long[ROUNDS];
    private final long[] mulKeys = new long[ROUNDS];

    public BoundedPermutation(final long n, final long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("permutation domain must be positive, was " + n);
        }
        this.n = n;
        final int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
        this.shift = Math.max(1, (bits + 1) / 2);
        for (int r = 0; r < ROUNDS; r++) {
            addKeys[r] = Mix.splitMix(seed, 2 * r);
            mulKeys[r] = Mix.splitMix(seed, 2 * r + 1) | 1; // odd: invertible modulo 2^b
        }
    }

    public long size() {
        return n;
    }

    /** The image of {@code x} in {@code [0, n)}; {@code x} must be in {@code [0, n)}. */
    public long apply(final long x) {
        long y = x;
        do {
            y = step(y);
        } while (y >= n);
        return y;
    }

    private long step(final long x) {
        long y = x;
        for (int r = 0; r < ROUNDS; r++) {
            y = (y + addKeys[r]) & mask;
            y = (y * mulKeys[r]) & mask;
            y ^= y >>> shift;
        }
        return y;
    }
}
