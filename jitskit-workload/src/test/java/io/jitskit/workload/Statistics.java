package io.jitskit.workload;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance bounds for statistical tests, all at five standard deviations (a false alarm about once in 3.5 million
 * runs), so a failure means the generator is wrong, not that the seed was unlucky.
 */
public final class Statistics {

    /** Standard deviations of every bound. */
    public static final double Z = 5.0;

    private Statistics() {
    }

    /** Asserts that {@code observed} of {@code trials} Bernoulli(p) trials is within 5 sigma of {@code trials * p}. */
    public static void assertBinomial(final long observed, final long trials, final double p, final String what) {
        final double mean = trials * p;
        final double sigma = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(observed - mean) <= Z * sigma + 1e-9,
            () -> String.format("%s: observed %d of %d, expected %.1f +- %.1f (5 sigma)", what, observed, trials,
                mean, Z * sigma));
    }

    /**
     * Pearson's chi-square of {@code counts} against {@code expected} counts, asserted below the 5-sigma upper
     * quantile of the chi-square distribution with {@code counts.length - 1} degrees of freedom (Wilson-Hilferty).
     */
    public static void assertChiSquare(final long[] counts, final double[] expected, final String what) {
        double chi2 = 0;
        for (int i = 0; i < counts.length; i++) {
            final double d = counts[i] - expected[i];
            chi2 += d * d / expected[i];
        }
        final int df = counts.length - 1;
        final double c = 2.0 / (9.0 * df);
        final double bound = df * Math.pow(1 - c + Z * Math.sqrt(c), 3);
        final double statistic = chi2;
        assertTrue(statistic <= bound,
            () -> String.format("%s: chi-square %.1f above the 5-sigma bound %.1f for %d degrees of freedom", what,
                statistic, bound, df));
    }

    /** Zipf probabilities {@code 1 / (r + 1)^theta / zeta(n, theta)} for ranks {@code [0, n)}. */
    public static double[] zipfProbabilities(final int n, final double theta) {
        final double[] p = new double[n];
        double zeta = 0;
        for (int r = 0; r < n; r++) {
            p[r] = Math.pow(r + 1, -theta);
            zeta += p[r];
        }
        for (int r = 0; r < n; r++) {
            p[r] /= zeta;
        }
        return p;
    }

    /** {@code zeta(n, theta)} summed smallest terms first for accuracy. */
    public static double zeta(final long n, final double theta) {
        double sum = 0;
        for (long i = n; i >= 1; i--) {
            sum += Math.pow(i, -theta);
        }
        return sum;
    }

    /** {@code probabilities} scaled to {@code trials}. */
    public static double[] scaled(final double[] probabilities, final long trials) {
        final double[] e = new double[probabilities.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = probabilities[i] * trials;
        }
        return e;
    }
}
