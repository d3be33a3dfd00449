package io.jitskit.workload.gen;

/**
 * 64-bit mixing functions shared by the generators, the key permutation and the value codec.
 *
 * <p>{@link #mix64} is Stafford's "variant 13" finalizer, the output function of SplitMix64: a bijection on 64 bits
 * with full avalanche, two multiplications long. Nothing here is a cryptographic PRF; secrecy comes from the hidden
 * per-run seed being mixed into every input, which is enough to keep a store from guessing values it was not given
 * (the store gets no oracle to query either).
 */
public final class Mix {

    /** 2^64 / phi, odd: the SplitMix64 increment and a good Weyl-sequence step. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Mix() {
    }

    /** SplitMix64's finalizer: bijective, every input bit flips each output bit with probability ~1/2. */
    public static long mix64(final long z) {
        long x = z;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** The {@code n}-th word of the SplitMix64 sequence started at {@code state}. */
    public static long splitMix(final long state, final long n) {
        return mix64(state + (n + 1) * GOLDEN_GAMMA);
    }

    /** A uniform double in [0, 1) from the top 53 bits of {@code bits}. */
    public static double toUnitDouble(final long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
