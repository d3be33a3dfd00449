package io.jitskit.workload.gen;

/**
 * Exact Zipf sampling over ranks {@code [0, n)} with P(rank r) proportional to {@code 1 / (r + 1)^theta}, by
 * rejection-inversion (Hormann and Derflinger, "Rejection-inversion to generate variates from monotone discrete
 * distributions", ACM TOMACS 6(3), 1996).
 *
 * <p>Why not Gray et al.'s method, as YCSB uses: it needs {@code zeta(n, theta)}, an O(n) sum (a second of CPU at
 * 10 M keys, per change of n for "latest"), and it is exact only for the two hottest ranks. Rejection-inversion has
 * O(1) setup for any n and theta (including theta &gt; 1), is exact, and needs a log and an exp per draw with an
 * expected number of rejections well below one. {@link #itemCount(long)} is O(1), which is what lets
 * {@link LatestKeys} grow n by one on every insert.
 *
 * <p>Not thread-safe (the item count is mutable); a run builds one per thread, which costs a few flops.
 */
public final class ZipfianSampler {

    private final double theta;
    private final double hIntegralX1;
    private final double s;
    private long n;
    private double hIntegralN;

    public ZipfianSampler(final long n, final double theta) {
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("zipfian theta must be positive, was " + theta);
        }
        this.theta = theta;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
        itemCount(n);
    }

    /** Changes the number of ranks; O(1). */
    public void itemCount(final long newN) {
        if (newN <= 0) {
            throw new IllegalArgumentException("zipfian item count must be positive, was " + newN);
        }
        n = newN;
        hIntegralN = hIntegral(newN + 0.5);
    }

    public long itemCount() {
        return n;
    }

    public double theta() {
        return theta;
    }

    /** A rank in [0, n); rank 0 is the most frequent. */
    public long nextRank(final Rng rng) {
        while (true) {
            // u is uniform in (hIntegral(n + 1/2), hIntegralX1]: the inverse maps it onto the continuous hat.
            final double u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN);
            final double x = hIntegralInverse(u);
            long k = (long) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            // Accept at once when x is close enough to k (the squeeze), else test against the exact bar height.
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k - 1;
            }
        }
    }

    private double h(final double x) {
        return Math.exp(-theta * Math.log(x));
    }

    /** Antiderivative of h, shifted so that it is well conditioned at theta = 1. */
    private double hIntegral(final double x) {
        final double logX = Math.log(x);
        return helper2((1.0 - theta) * logX) * logX;
    }

    private double hIntegralInverse(final double x) {
        double t = x * (1.0 - theta);
        if (t < -1.0) {
            t = -1.0; // guards rounding at the far end of the domain
        }
        return Math.exp(helper1(t) * x);
    }

    /** log1p(x) / x, with its Taylor series near 0 where the quotient loses precision. */
    private static double helper1(final double x) {
        return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }

    /** expm1(x) / x, with its Taylor series near 0. */
    private static double helper2(final double x) {
        return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }
}
