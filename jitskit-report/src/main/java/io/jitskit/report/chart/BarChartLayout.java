package io.jitskit.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/** Lays out a {@link BarChart}: value axis on the left, one slot per bar, labels under the slots. */
final class BarChartLayout {

    /** Room under the axis for two lines of label. */
    private static final double BOTTOM = 52;
    /** A bar is at most this wide, however few bars there are. */
    private static final double MAX_BAR_WIDTH = 88;

    private BarChartLayout() {
    }

    static void draw(final BarChart chart, final Canvas c, final int width, final int height) {
        Layout.title(c, chart.title(), width);
        final double left = Layout.LEFT;
        final double right = width - Layout.RIGHT;
        final double top = Layout.TOP;
        final double bottom = height - BOTTOM;
        double dataMax = 0;
        boolean anyOutOfProcess = false;
        for (final BarChart.Bar b : chart.bars()) {
            if (b.kind() != BarChart.Kind.MISSING) {
                dataMax = Math.max(dataMax, b.max());
            }
            anyOutOfProcess |= b.kind() == BarChart.Kind.OUT_OF_PROCESS;
        }
        final Axis axis = Axis.upTo(dataMax);
        Layout.valueAxis(c, axis, chart.yLabel(), left, right, top, bottom);
        legend(c, right, anyOutOfProcess);

        final int n = Math.max(1, chart.bars().size());
        final double slot = (right - left) / n;
        final double barWidth = Math.min(slot * 0.6, MAX_BAR_WIDTH);
        for (int i = 0; i < chart.bars().size(); i++) {
            final BarChart.Bar b = chart.bars().get(i);
            final double cx = left + slot * (i + 0.5);
            if (b.kind() == BarChart.Kind.MISSING) {
                c.text(cx, bottom - 8, b.note(), Layout.LABEL_SIZE, Canvas.Anchor.MIDDLE, Palette.REJECTED, true,
                    false, "bar-missing");
            } else {
                drawBar(c, axis, b, cx, barWidth, top, bottom);
            }
            label(c, b.label(), cx, slot, bottom);
        }
        c.line(left, bottom, right, bottom, Palette.INK, 1, false, "axis x-axis");
    }

    private static void drawBar(final Canvas c, final Axis axis, final BarChart.Bar b, final double cx,
                                final double barWidth, final double top, final double bottom) {
        final boolean outOfProcess = b.kind() == BarChart.Kind.OUT_OF_PROCESS;
        final Color fill = outOfProcess ? Palette.OUT_OF_PROCESS : Palette.IN_PROCESS;
        final double y = axis.position(b.median(), bottom, top);
        final String tooltip = b.label() + ": median " + Layout.mops(b.median()) + " (min " + Layout.mops(b.min())
            + ", max " + Layout.mops(b.max()) + ")" + (b.note().isEmpty() ? "" : ", " + b.note());
        c.rect(cx - barWidth / 2, y, barWidth, bottom - y, fill, null,
            "bar " + (outOfProcess ? "out-of-process" : "in-process"), tooltip);
        final double yMax = axis.position(b.max(), bottom, top);
        final double yMin = axis.position(b.min(), bottom, top);
        final double cap = Math.min(barWidth / 4, 10);
        c.line(cx, yMax, cx, yMin, Palette.WHISKER, 1.5, false, "whisker");
        c.line(cx - cap, yMax, cx + cap, yMax, Palette.WHISKER, 1.5, false, "whisker");
        c.line(cx - cap, yMin, cx + cap, yMin, Palette.WHISKER, 1.5, false, "whisker");
        c.text(cx, yMax - 5, Layout.mops(b.median()), Layout.TICK_SIZE, Canvas.Anchor.MIDDLE, Palette.INK, true,
            false, "bar-value");
    }

    /** The store name on one line, its knob overrides (from '[') smaller on the next, each cut to the slot. */
    private static void label(final Canvas c, final String label, final double cx, final double slot,
                              final double bottom) {
        final int bracket = label.indexOf('[');
        final String name = bracket < 0 ? label : label.substring(0, bracket);
        c.text(cx, bottom + 17, Layout.fit(name, Layout.LABEL_SIZE, slot - 4), Layout.LABEL_SIZE,
            Canvas.Anchor.MIDDLE, Palette.INK, false, false, "bar-label");
        if (bracket >= 0) {
            c.text(cx, bottom + 32, Layout.fit(label.substring(bracket), Layout.SMALL_SIZE, slot - 4),
                Layout.SMALL_SIZE, Canvas.Anchor.MIDDLE, Palette.MUTED, false, false, "bar-knobs");
        }
    }

    private static void legend(final Canvas c, final double right, final boolean anyOutOfProcess) {
        final List<String> labels = new ArrayList<>();
        final List<Layout.Swatch> swatches = new ArrayList<>();
        labels.add("in-process");
        swatches.add((cv, x, y) -> cv.rect(x - 5, y - 5, 10, 10, Palette.IN_PROCESS, null, "legend-swatch", null));
        if (anyOutOfProcess) {
            labels.add("out-of-process");
            swatches.add((cv, x, y) -> cv.rect(x - 5, y - 5, 10, 10, Palette.OUT_OF_PROCESS, null, "legend-swatch",
                null));
        }
        labels.add("min-max of runs");
        swatches.add((cv, x, y) -> cv.line(x, y - 6, x, y + 6, Palette.WHISKER, 1.5, false, "legend-swatch"));
        Layout.legend(c, right, 44, labels.toArray(String[]::new), swatches.toArray(Layout.Swatch[]::new));
    }
}
