package io.jitskit.report.chart;

import io.jitskit.report.synth.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The synthesis trajectory (the paper's Figure 6): every attempt as a point at its iteration, coloured by outcome,
 * the best accepted throughput so far as a step line, and optionally each iteration's model cost as a strip below.
 * Attempts without a measurement sit in a lane under the axis, so a run of compile errors is visible too.
 *
 * @param title    the heading
 * @param points   the attempts in iteration order
 * @param showCost whether to draw the cost strip
 */
public record TrajectoryChart(String title, List<Point> points, boolean showCost) implements Chart {

    public TrajectoryChart {
        Objects.requireNonNull(title, "title");
        points = List.copyOf(points);
    }

    @Override
    public String description() {
        final long measured = points.stream().filter(p -> p.mops() != null).count();
        return points.size() + " attempts (" + measured + " measured) by iteration, Mops/s, with the best accepted "
            + "throughput so far as a step line";
    }

    /**
     * @param iteration 1-based
     * @param mops      measured throughput, or null
     * @param bestSoFar best accepted throughput after this iteration, or null
     * @param outcome   what became of the attempt
     * @param design    the design in one line, for the tooltip
     * @param costUsd   the iteration's model cost
     */
    public record Point(int iteration, Double mops, Double bestSoFar, Outcome outcome, String design,
                        double costUsd) {

        public Point {
            Objects.requireNonNull(outcome, "outcome");
            design = design == null ? "" : design;
        }
    }
}
