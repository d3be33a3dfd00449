package io.jitskit.harness.stats;

import java.util.Arrays;

/**
 * Throughputs of one store's repeated runs: median, min..max and a 95% interval.
 *
 * <p>The interval is Student's t over the logarithms of the runs (so it is a geometric-mean interval, asymmetric
 * around the runs, never below zero): throughput noise on a shared machine is multiplicative, a 10% slowdown is the
 * same event at 2 and at 20 Mops/s. With one run, or a run of zero, there is no interval ({@code NaN} bounds).
 *
 * @param runs   how many runs
 * @param median the median run (mean of the middle two for an even count)
 * @param min    the slowest run
 * @param max    the fastest run
 * @param low    lower bound of the 95% interval of the (geometric) mean
 * @param high   upper bound of it
 */
public record Spread(int runs, double median, double min, double max, double low, double high) {

    /** The spread of {@code values}, none negative. */
    public static Spread of(final double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the spread of no runs");
        }
        final double[] v = values.clone();
        Arrays.sort(v);
        if (v[0] < 0 || Double.isNaN(v[0]) || Double.isNaN(v[v.length - 1])) {
            throw new IllegalArgumentException("throughputs must not be negative, got " + Arrays.toString(values));
        }
        final int n = v.length;
        final double median = sortedMedian(v);
        // A run that completed nothing has no logarithm: no interval rather than a made-up one.
        if (n == 1 || v[0] == 0) {
            return new Spread(1, median, v[0], v[0], Double.NaN, Double.NaN);
        }
        final double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(v[i]);
        }
        final double[] interval = LogInterval.of(logs);
        return new Spread(n, median, v[0], v[n - 1], Math.exp(interval[0]), Math.exp(interval[1]));
    }

    /** The median of {@code values}; the mean of the two middle values for an even count. */
    public static double median(final double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of nothing");
        }
        final double[] v = values.clone();
        Arrays.sort(v);
        return sortedMedian(v);
    }

    private static double sortedMedian(final double[] sorted) {
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** {@code max / min - 1}: the fastest run over the slowest, the figure an A/A check bounds. */
    public double maxOverMin() {
        return max / min - 1;
    }

    /** Whether there is an interval (two runs or more, all of them positive). */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }
}
