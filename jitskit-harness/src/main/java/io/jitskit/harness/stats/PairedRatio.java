package io.jitskit.harness.stats;

import java.util.Arrays;

/**
 * A challenger against an incumbent over paired runs: each pair ran both stores back to back on one seed, so the
 * pair's ratio cancels what the seed and the machine's state at that moment did to both. The ratio's 95% interval
 * is Student's t over the pairs' log ratios (the geometric mean ratio), and a challenger {@link #wins()} only when
 * the whole interval lies above 1.
 *
 * <p>With three pairs the t factor is 4.3, so a real 5% gain needs pairs that agree to about 2%; a gain the machine's
 * noise cannot separate from zero is reported as a tie, never as a win.
 *
 * @param ratios each pair's challenger / incumbent throughput, in the order run
 * @param ratio  the geometric mean ratio
 * @param low    lower bound of its 95% interval ({@code NaN} with one pair)
 * @param high   upper bound
 */
public record PairedRatio(double[] ratios, double ratio, double low, double high) {

    /** The ratio of {@code challenger[i] / incumbent[i]}; both arrays hold the pairs in order, all positive. */
    public static PairedRatio of(final double[] challenger, final double[] incumbent) {
        if (challenger.length != incumbent.length || challenger.length == 0) {
            throw new IllegalArgumentException("paired runs need equal, non-zero counts; had " + challenger.length
                + " and " + incumbent.length);
        }
        final int n = challenger.length;
        final double[] ratios = new double[n];
        final double[] logs = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(challenger[i] > 0) || !(incumbent[i] > 0)) {
                throw new IllegalArgumentException("pair " + (i + 1) + " has no positive throughput: "
                    + challenger[i] + " against " + incumbent[i]);
            }
            ratios[i] = challenger[i] / incumbent[i];
            logs[i] = Math.log(ratios[i]);
            sum += logs[i];
        }
        if (n == 1) {
            return new PairedRatio(ratios, ratios[0], Double.NaN, Double.NaN);
        }
        final double[] interval = LogInterval.of(logs);
        return new PairedRatio(ratios, Math.exp(sum / n), Math.exp(interval[0]), Math.exp(interval[1]));
    }

    /** Whether the challenger is faster beyond the noise: the interval lies wholly above 1. */
    public boolean wins() {
        return low > 1;
    }

    /** Whether the incumbent is faster beyond the noise. */
    public boolean loses() {
        return high < 1;
    }

    public int pairs() {
        return ratios.length;
    }

    /** E.g. {@code 1.082x (95% 1.031..1.135) over 3 pairs}. */
    public String describe() {
        return pairs() == 1 ? String.format(java.util.Locale.ROOT, "%.3fx over 1 pair", ratio)
            : String.format(java.util.Locale.ROOT, "%.3fx (95%% %.3f..%.3f) over %d pairs", ratio, low, high, pairs());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PairedRatio p && Arrays.equals(ratios, p.ratios);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ratios);
    }

    @Override
    public String toString() {
        return describe();
    }
}
