package io.jitskit.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * Bars with min-max whiskers, one per store: the median of repeated runs as the bar, the spread of the runs as the
 * whisker. A store without a trustworthy number (failed, skipped) keeps its slot with the reason and gets no bar.
 *
 * @param title  the heading
 * @param yLabel the value axis label, with its unit
 * @param bars   in the order to draw, left to right
 */
public record BarChart(String title, String yLabel, List<Bar> bars) implements Chart {

    public BarChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(yLabel, "yLabel");
        bars = List.copyOf(bars);
    }

    @Override
    public String description() {
        final long drawn = bars.stream().filter(b -> b.kind() != Kind.MISSING).count();
        return drawn + " bars of " + yLabel + " (median of runs, whiskers from min to max); " + (bars.size() - drawn)
            + " stores without a number";
    }

    /** How a bar is drawn. */
    public enum Kind {
        /** A store in the benchmark's process: the main comparison. */
        IN_PROCESS,
        /** A store behind a socket (e.g. Redis): drawn in another colour, as the paper separates them. */
        OUT_OF_PROCESS,
        /** No number: failed or skipped; the note says which and why. */
        MISSING
    }

    /**
     * @param label  the store, with knob overrides in brackets if any; the part from '[' is drawn smaller
     * @param median the bar's height, null only for {@link Kind#MISSING}
     * @param min    the whisker's low end
     * @param max    the whisker's high end
     * @param kind   how to draw it
     * @param note   for a missing bar the word shown in its place ({@code failed}, {@code skipped}); for others a
     *               tooltip addition (run count), may be empty
     */
    public record Bar(String label, Double median, Double min, Double max, Kind kind, String note) {

        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            note = note == null ? "" : note;
            if (kind != Kind.MISSING && (median == null || min == null || max == null || min > median
                || median > max)) {
                throw new IllegalArgumentException(label + ": a drawn bar needs min <= median <= max, got " + min
                    + " <= " + median + " <= " + max);
            }
        }

        /** A slot with no bar: {@code word} (failed, skipped) in its place. */
        public static Bar missing(final String label, final String word) {
            return new Bar(label, null, null, null, Kind.MISSING, word);
        }
    }
}
