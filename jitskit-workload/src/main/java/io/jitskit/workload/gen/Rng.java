package io.jitskit.workload.gen;

/**
 * xoshiro256** (Blackman and Vigna, 2018): a fast, non-allocating PRNG with 256 bits of state, one per thread.
 *
 * <p>Not thread-safe; each worker owns one. Streams for different threads of one run come from {@link #forStream},
 * which expands {@code (seed, stream)} through SplitMix64 as the xoshiro authors recommend, so streams do not overlap
 * in any way a benchmark could notice.
 */
public final class Rng {

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator whose whole state is expanded from {@code seed}. */
    public Rng(final long seed) {
        s0 = Mix.splitMix(seed, 0);
        s1 = Mix.splitMix(seed, 1);
        s2 = Mix.splitMix(seed, 2);
        s3 = Mix.splitMix(seed, 3);
    }

    /** The generator for stream {@code stream} (a thread index, or a purpose tag) of the run seeded {@code seed}. */
    public static Rng forStream(final long seed, final long stream) {
        return new Rng(Mix.mix64(seed) ^ Mix.mix64(stream * Mix.GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    /** 64 uniform bits. */
    public long nextLong() {
        final long result = Long.rotateLeft(s1 * 5, 7) * 9;
        final long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return Mix.toUnitDouble(nextLong());
    }

    /**
     * A uniform long in [0, bound), unbiased (Lemire's multiply-high method, 2019; the rejection loop runs again with
     * probability below bound / 2^64).
     */
    public long nextLong(final long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        long x = nextLong();
        long low = x * bound;
        if (Long.compareUnsigned(low, bound) < 0) {
            final long threshold = Long.remainderUnsigned(-bound, bound);
            while (Long.compareUnsigned(low, threshold) < 0) {
                x = nextLong();
                low = x * bound;
            }
        }
        return Math.unsignedMultiplyHigh(x, bound);
    }

    /** A uniform int in [0, bound). */
    public int nextInt(final int bound) {
        return (int) nextLong(bound);
    }
}
