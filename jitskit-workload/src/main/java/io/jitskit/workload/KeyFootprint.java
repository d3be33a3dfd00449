package io.jitskit.workload;

import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.Workload;
import io.jitskit.workload.gen.BoundedPermutation;
import io.jitskit.workload.gen.HotspotKeys;
import io.jitskit.workload.gen.ScrambledZipfianKeys;

/**
 * The distinct keys a run touched, and how many an i.i.d. stream of the card's distribution would touch in as many
 * draws: the check that the harness presents the card's whole key space rather than a replayed sample of it.
 *
 * <p>A footprint tracks the ids that are multiples of a power-of-two stride, chosen so the bitmap holds at most
 * {@link #MAX_TRACKED_IDS} bits (128 KiB, 625 K ids at 10 M keys): small enough to stay in a worker's L2 beside the
 * store, large enough that the sampling error is far below the 5% the footprint test allows. Both figures are
 * scaled by the stride, so they estimate whole-key-space counts. One footprint per worker (not thread-safe); the
 * driver merges them after the phase.
 */
public final class KeyFootprint {

    /** The most ids a footprint tracks. */
    public static final long MAX_TRACKED_IDS = 1L << 20;

    private final long keyCount;
    private final int shift;
    private final long strideMask;
    private final long[] bits;

    /** A footprint over the ids {@code [0, keyCount)}. */
    public KeyFootprint(final long keyCount) {
        if (keyCount <= 0) {
            throw new IllegalArgumentException("key count must be positive, was " + keyCount);
        }
        this.keyCount = keyCount;
        this.shift = strideShift(keyCount);
        this.strideMask = (1L << shift) - 1;
        this.bits = new long[(int) ((tracked(keyCount, shift) + 63) >>> 6)];
    }

    private static int strideShift(final long keyCount) {
        int s = 0;
        while ((keyCount + (1L << s) - 1) >>> s > MAX_TRACKED_IDS) {
            s++;
        }
        return s;
    }

    /** Tracked ids below {@code limit}: the multiples of the stride. */
    private static long tracked(final long limit, final int shift) {
        return limit <= 0 ? 0 : ((limit - 1) >>> shift) + 1;
    }

    /** The stride between tracked ids; 1 when every id is tracked. */
    public long stride() {
        return 1L << shift;
    }

    /** Records that an operation named {@code id}; ids outside the key space (fresh inserts) are not counted. */
    public void touch(final long id) {
        if ((id & strideMask) == 0 && id < keyCount && id >= 0) {
            final long t = id >>> shift;
            bits[(int) (t >>> 6)] |= 1L << t;
        }
    }

    /** Adds what {@code other} touched. */
    public void addAll(final KeyFootprint other) {
        if (other.keyCount != keyCount) {
            throw new IllegalArgumentException("footprints over " + keyCount + " and " + other.keyCount + " keys");
        }
        for (int i = 0; i < bits.length; i++) {
            bits[i] |= other.bits[i];
        }
    }

    /** Distinct ids touched, estimated from the tracked ones (exact when the stride is 1). */
    public long distinctKeys() {
        long n = 0;
        for (final long word : bits) {
            n += Long.bitCount(word);
        }
        return n << shift;
    }

    /**
     * The expected {@link #distinctKeys()} of {@code draws} i.i.d. key choices from {@code w}'s distribution over its
     * loaded keys, with the run seed {@code seed} (scrambled zipfian's rank permutation depends on it): the sum over
     * tracked ids of {@code 1 - (1 - p)^draws}, scaled by the stride. NaN where the choice depends on what ran before
     * (latest, time order, traces), which has no i.i.d. expectation.
     */
    public static double expectedDistinctKeys(final Workload w, final long seed, final long draws) {
        if (w.trace() != null || draws < 0) {
            return Double.NaN;
        }
        final long n = w.keyCount();
        final int shift = strideShift(n);
        final long stride = 1L << shift;
        final double sum = switch (w.distribution()) {
            case KeyDistribution.Uniform u -> tracked(n, shift) * touched(1.0 / n, draws);
            case KeyDistribution.Hotspot h -> {
                final long hot = new HotspotKeys(n, h.hotSetFraction(), h.hotOpFraction()).hotCount();
                final long hotTracked = tracked(hot, shift);
                yield hotTracked * touched(h.hotOpFraction() / hot, draws)
                    + (tracked(n, shift) - hotTracked) * touched((1 - h.hotOpFraction()) / (n - hot), draws);
            }
            case KeyDistribution.Zipfian z -> {
                final double zeta = zeta(n, z.theta());
                double s = 0;
                for (long id = 0; id < n; id += stride) {
                    s += touched(Math.pow(id + 1, -z.theta()) / zeta, draws);
                }
                yield s;
            }
            case KeyDistribution.ScrambledZipfian z -> scrambled(n, z.theta(), seed, stride, draws);
            case KeyDistribution.Latest l -> Double.NaN;
            case KeyDistribution.TimeOrder t -> Double.NaN;
        };
        return sum * stride;
    }

    /**
     * Scrambled ranks land on tracked ids at pseudo-random: exact (every rank's id) up to 2^24 keys; above that, a
     * rank in every stride stands for the stride's ranks, which is accurate to well under 0.1% for a smooth profile.
     */
    private static double scrambled(final long n, final double theta, final long seed, final long stride,
                                    final long draws) {
        final double zeta = zeta(n, theta);
        if (n > 1L << 24) {
            double s = 0;
            for (long rank = 0; rank < n; rank += stride) {
                s += touched(Math.pow(rank + 1, -theta) / zeta, draws);
            }
            return s;
        }
        final BoundedPermutation ids = ScrambledZipfianKeys.rankPermutation(n, seed);
        final long mask = stride - 1;
        double s = 0;
        for (long rank = 0; rank < n; rank++) {
            if ((ids.apply(rank) & mask) == 0) {
                s += touched(Math.pow(rank + 1, -theta) / zeta, draws);
            }
        }
        return s;
    }

    /** The probability that a key of probability {@code p} is drawn at least once in {@code draws}. */
    private static double touched(final double p, final long draws) {
        return p >= 1 ? 1 : -Math.expm1(draws * Math.log1p(-p));
    }

    /**
     * {@code sum_{k=1..n} k^-theta}: exact over the first 2^20 terms, then Euler-Maclaurin for the rest (integral,
     * end-point and first-derivative corrections; relative error far below 1e-12 from there on).
     */
    static double zeta(final long n, final double theta) {
        final long exact = Math.min(n, 1L << 20);
        double sum = 0;
        for (long k = exact; k >= 1; k--) {
            sum += Math.pow(k, -theta);
        }
        if (n == exact) {
            return sum;
        }
        final double a = exact;
        final double b = n;
        final double integral = Math.abs(theta - 1) < 1e-12 ? Math.log(b / a)
            : (Math.pow(b, 1 - theta) - Math.pow(a, 1 - theta)) / (1 - theta);
        final double ends = (Math.pow(b, -theta) - Math.pow(a, -theta)) / 2;
        final double slopes = (-theta * Math.pow(b, -theta - 1) + theta * Math.pow(a, -theta - 1)) / 12;
        return sum + integral + ends + slopes;
    }
}
