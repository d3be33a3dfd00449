package io.jitskit.harness.stats;

/** The 95% Student-t interval of the mean of some logarithms. */
final class LogInterval {

    private LogInterval() {
    }

    /** {@code [low, high]} for the mean of {@code logs}; needs two values or more. */
    static double[] of(final double[] logs) {
        final int n = logs.length;
        if (n < 2) {
            throw new IllegalArgumentException("an interval needs two values or more, had " + n);
        }
        double mean = 0;
        for (final double x : logs) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (final double x : logs) {
            ss += (x - mean) * (x - mean);
        }
        final double half = StudentT.q975(n - 1) * Math.sqrt(ss / (n - 1) / n);
        return new double[] {mean - half, mean + half};
    }
}
