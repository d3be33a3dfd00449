package io.jitskit.report.chart;

/** A chart that {@link Charts} can render to SVG and PNG. */
public sealed interface Chart permits BarChart, TrajectoryChart {

    /** The heading drawn above the chart and the SVG's accessible name. */
    String title();

    /** One sentence on what the chart shows, for the SVG's {@code <desc>}. */
    String description();
}
