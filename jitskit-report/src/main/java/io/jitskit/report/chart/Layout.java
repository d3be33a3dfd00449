package io.jitskit.report.chart;

import java.util.Locale;

/** Measures and pieces shared by the chart layouts. */
final class Layout {

    static final double TITLE_SIZE = 15;
    static final double LABEL_SIZE = 12;
    static final double TICK_SIZE = 11;
    static final double SMALL_SIZE = 10;
    static final double TOP = 56;
    static final double LEFT = 84;
    static final double RIGHT = 18;

    /** Average advance of a DejaVu Sans glyph as a fraction of the font size; good enough for layout. */
    private static final double GLYPH_WIDTH = 0.6;

    private Layout() {
    }

    static double textWidth(final String s, final double size) {
        return s.length() * size * GLYPH_WIDTH;
    }

    /** {@code s} cut to fit {@code width} pixels, with an ellipsis when cut. */
    static String fit(final String s, final double size, final double width) {
        final int max = (int) Math.floor(width / (size * GLYPH_WIDTH));
        if (s.length() <= max) {
            return s;
        }
        return max <= 1 ? "\u2026" : s.substring(0, max - 1) + "\u2026";
    }

    static String mops(final double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    /** Title, centred at the top. */
    static void title(final Canvas c, final String title, final int width) {
        c.text(width / 2.0, 24, title, TITLE_SIZE, Canvas.Anchor.MIDDLE, Palette.INK, true, false, "chart-title");
    }

    /** Horizontal grid, tick labels and the rotated y-axis label of a value axis. */
    static void valueAxis(final Canvas c, final Axis axis, final String label, final double left, final double right,
                          final double top, final double bottom) {
        for (final double t : axis.ticks()) {
            final double y = axis.position(t, bottom, top);
            c.line(left, y, right, y, Palette.GRID, 1, false, "grid");
            c.text(left - 6, y + 4, axis.label(t), TICK_SIZE, Canvas.Anchor.END, Palette.MUTED, false, false,
                "tick-label");
        }
        c.line(left, top, left, bottom, Palette.INK, 1, false, "axis y-axis");
        c.text(22, (top + bottom) / 2, label, LABEL_SIZE, Canvas.Anchor.MIDDLE, Palette.INK, false, true,
            "axis-label y-label");
    }

    /**
     * A horizontal legend whose entries are laid left to right ending at {@code right}; each entry is a swatch
     * drawn by {@code swatch} followed by its text.
     */
    static void legend(final Canvas c, final double right, final double y, final String[] labels,
                       final Swatch[] swatches) {
        double width = 0;
        for (final String l : labels) {
            width += 18 + textWidth(l, SMALL_SIZE) + 14;
        }
        double x = right - width;
        for (int i = 0; i < labels.length; i++) {
            swatches[i].draw(c, x + 6, y - 4);
            c.text(x + 16, y, labels[i], SMALL_SIZE, Canvas.Anchor.START, Palette.INK, false, false, "legend");
            x += 18 + textWidth(labels[i], SMALL_SIZE) + 14;
        }
    }

    /** Draws a legend swatch centred at {@code (cx, cy)}. */
    @FunctionalInterface
    interface Swatch {
        void draw(Canvas c, double cx, double cy);
    }
}
