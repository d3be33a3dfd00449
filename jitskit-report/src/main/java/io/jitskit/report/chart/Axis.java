package io.jitskit.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear value axis from 0 to a "nice" maximum with ticks at 1, 2 or 5 times a power of ten, so labels read as
 * round numbers whatever the data.
 *
 * @param max  the top of the axis, at least the largest value
 * @param step the distance between ticks
 */
record Axis(double max, double step) {

    /** Roughly this many intervals between ticks. */
    private static final int TARGET_INTERVALS = 5;

    /** An axis from 0 that holds {@code dataMax} with a little room above it. */
    static Axis upTo(final double dataMax) {
        final double top = dataMax > 0 && Double.isFinite(dataMax) ? dataMax * 1.08 : 1;
        final double rough = top / TARGET_INTERVALS;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        final double residual = rough / magnitude;
        final double step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
        return new Axis(Math.ceil(top / step) * step, step);
    }

    List<Double> ticks() {
        final List<Double> ticks = new ArrayList<>();
        // Index-based so that floating-point steps do not accumulate error or drop the last tick.
        final long n = Math.round(max / step);
        for (long i = 0; i <= n; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** A tick label with as many decimals as the step needs and no more. */
    String label(final double value) {
        final int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Pixel position of {@code value} on an axis drawn from {@code bottom} (0) up to {@code top} (max). */
    double position(final double value, final double bottom, final double top) {
        return bottom - (bottom - top) * (value / max);
    }
}
