package io.jitskit.report.chart;

import io.jitskit.report.synth.Outcome;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out a {@link TrajectoryChart}. From top to bottom: title and legend, the plot (measured attempts and the
 * best-so-far step line), a lane for attempts without a measurement, the iteration axis, and the cost strip.
 */
final class TrajectoryLayout {

    private static final double LANE = 22;
    private static final double AXIS = 36;
    private static final double COST = 56;
    private static final double RADIUS = 4.5;

    private TrajectoryLayout() {
    }

    static void draw(final TrajectoryChart chart, final Canvas c, final int width, final int height) {
        Layout.title(c, chart.title(), width);
        final double left = Layout.LEFT;
        final double right = width - Layout.RIGHT;
        final double top = Layout.TOP;
        final double costTop = height - (chart.showCost() ? COST : 0);
        final double bottom = costTop - AXIS - LANE;
        final List<TrajectoryChart.Point> points = chart.points();
        int lastIteration = 1;
        double dataMax = 0;
        for (final TrajectoryChart.Point p : points) {
            lastIteration = Math.max(lastIteration, p.iteration());
            dataMax = Math.max(dataMax, p.mops() == null ? 0 : p.mops());
            dataMax = Math.max(dataMax, p.bestSoFar() == null ? 0 : p.bestSoFar());
        }
        final Axis axis = Axis.upTo(dataMax);
        Layout.valueAxis(c, axis, "throughput (Mops/s)", left, right, top, bottom);
        legend(c, right);
        final double slot = (right - left) / lastIteration;
        final int last = lastIteration;
        final XScale x = it -> left + slot * (it - 0.5);

        iterationAxis(c, x, last, left, right, bottom + LANE, slot);
        c.text(left - 6, bottom + LANE / 2 + 4, "not measured", Layout.SMALL_SIZE, Canvas.Anchor.END, Palette.MUTED,
            false, false, "lane-label");
        bestSoFar(c, points, x, axis, top, bottom, x.at(last) + slot / 2);
        for (final TrajectoryChart.Point p : points) {
            point(c, p, x.at(p.iteration()), axis, top, bottom);
        }
        if (chart.showCost()) {
            costStrip(c, points, x, slot, left, right, costTop);
        }
    }

    /** Maps an iteration to the centre of its column. */
    @FunctionalInterface
    private interface XScale {
        double at(int iteration);
    }

    private static void iterationAxis(final Canvas c, final XScale x, final int last, final double left,
                                      final double right, final double y, final double slot) {
        c.line(left, y, right, y, Palette.INK, 1, false, "axis x-axis");
        // Label every k-th iteration so labels never collide: at least 28 px apart.
        final int every = Math.max(1, (int) Math.ceil(28 / slot));
        for (int it = 1; it <= last; it++) {
            if (it == 1 || it % every == 0) {
                c.line(x.at(it), y, x.at(it), y + 4, Palette.INK, 1, false, "tick");
                c.text(x.at(it), y + 16, Integer.toString(it), Layout.TICK_SIZE, Canvas.Anchor.MIDDLE, Palette.MUTED,
                    false, false, "tick-label");
            }
        }
        c.text((left + right) / 2, y + 31, "iteration", Layout.LABEL_SIZE, Canvas.Anchor.MIDDLE, Palette.INK, false,
            false, "axis-label x-label");
    }

    /** A step line: flat from each accepted improvement until the next one, up to the last iteration's edge. */
    private static void bestSoFar(final Canvas c, final List<TrajectoryChart.Point> points, final XScale x,
                                  final Axis axis, final double top, final double bottom, final double end) {
        final List<Double> xs = new ArrayList<>();
        final List<Double> ys = new ArrayList<>();
        for (final TrajectoryChart.Point p : points) {
            if (p.bestSoFar() == null) {
                continue;
            }
            final double px = x.at(p.iteration());
            final double py = axis.position(p.bestSoFar(), bottom, top);
            if (!ys.isEmpty()) {
                xs.add(px);
                ys.add(ys.getLast());
            }
            xs.add(px);
            ys.add(py);
        }
        if (xs.isEmpty()) {
            return;
        }
        xs.add(end);
        ys.add(ys.getLast());
        c.polyline(xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray(), Palette.BEST, 2, "best-so-far");
    }

    private static void point(final Canvas c, final TrajectoryChart.Point p, final double px, final Axis axis,
                              final double top, final double bottom) {
        final String tooltip = "#" + p.iteration() + " " + p.outcome().wire()
            + (p.mops() == null ? "" : ": " + Layout.mops(p.mops()) + " Mops/s") + " - " + p.design();
        final Color color = color(p.outcome());
        if (p.mops() == null) {
            c.rect(px - RADIUS, bottom + LANE / 2 - RADIUS, 2 * RADIUS, 2 * RADIUS, color, null,
                "point unmeasured " + p.outcome().wire(), tooltip);
            return;
        }
        final double py = axis.position(p.mops(), bottom, top);
        final String cls = "point measured " + p.outcome().wire();
        if (p.outcome() == Outcome.SLOWER) {
            c.circle(px, py, RADIUS, Palette.BACKGROUND, color, cls, tooltip);
        } else if (p.outcome() == Outcome.ACCEPTED) {
            c.circle(px, py, RADIUS + 1, color, Palette.INK, cls, tooltip);
        } else {
            // A gate rejection keeps its (untrusted) number visible as a square, so a fast-but-wrong design shows.
            c.rect(px - RADIUS, py - RADIUS, 2 * RADIUS, 2 * RADIUS, color, null, cls, tooltip);
        }
    }

    private static void costStrip(final Canvas c, final List<TrajectoryChart.Point> points, final XScale x,
                                  final double slot, final double left, final double right, final double top) {
        double max = 0;
        double total = 0;
        for (final TrajectoryChart.Point p : points) {
            max = Math.max(max, p.costUsd());
            total += p.costUsd();
        }
        final double stripTop = top + 14;
        final double stripBottom = top + COST - 6;
        c.text(left - 6, stripBottom, "cost", Layout.SMALL_SIZE, Canvas.Anchor.END, Palette.MUTED, false, false,
            "lane-label");
        c.text(right, top + 8, String.format(Locale.ROOT, "model cost per iteration, total $%.2f", total),
            Layout.SMALL_SIZE, Canvas.Anchor.END, Palette.MUTED, false, false, "cost-total");
        c.line(left, stripBottom, right, stripBottom, Palette.GRID, 1, false, "axis cost-axis");
        if (max <= 0) {
            return;
        }
        final double w = Math.max(1, Math.min(slot * 0.6, 24));
        for (final TrajectoryChart.Point p : points) {
            final double h = (stripBottom - stripTop) * p.costUsd() / max;
            c.rect(x.at(p.iteration()) - w / 2, stripBottom - h, w, h, Palette.COST, null, "cost",
                String.format(Locale.ROOT, "#%d: $%.3f", p.iteration(), p.costUsd()));
        }
    }

    private static void legend(final Canvas c, final double right) {
        final Outcome[] outcomes = Outcome.values();
        final String[] labels = new String[outcomes.length + 1];
        final Layout.Swatch[] swatches = new Layout.Swatch[outcomes.length + 1];
        labels[0] = "best so far";
        swatches[0] = (cv, x, y) -> cv.line(x - 6, y, x + 6, y, Palette.BEST, 2, false, "legend-swatch");
        for (int i = 0; i < outcomes.length; i++) {
            final Outcome o = outcomes[i];
            labels[i + 1] = o.wire();
            swatches[i + 1] = o == Outcome.ACCEPTED || o == Outcome.SLOWER
                ? (cv, x, y) -> cv.circle(x, y, 4, o == Outcome.SLOWER ? Palette.BACKGROUND : color(o), color(o),
                    "legend-swatch", null)
                : (cv, x, y) -> cv.rect(x - 4, y - 4, 8, 8, color(o), null, "legend-swatch", null);
        }
        Layout.legend(c, right, 44, labels, swatches);
    }

    static Color color(final Outcome o) {
        return switch (o) {
            case ACCEPTED -> Palette.ACCEPTED;
            case REJECTED_GATE -> Palette.REJECTED;
            case COMPILE_ERROR -> Palette.COMPILE_ERROR;
            case SLOWER -> Palette.SLOWER;
            case ERROR -> Palette.ERROR;
        };
    }
}
