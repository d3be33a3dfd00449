package io.jitskit.report.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Renders a {@link Chart} to SVG text or a PNG image; both come from the same layout. */
public final class Charts {

    /** Default size of a chart in layout pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 460;

    /** PNGs are drawn at twice the layout size, sharp on slides and high-density screens. */
    private static final double PNG_SCALE = 2;

    static {
        // Java2D must not look for a display: charts are drawn on servers and in CI.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** A standalone SVG document (also valid inline in HTML). */
    public static String svg(final Chart chart, final int width, final int height) {
        final SvgCanvas canvas = new SvgCanvas(width, height, cssClass(chart), chart.title(), chart.description());
        draw(chart, canvas, width, height);
        return canvas.finish();
    }

    /** The chart as an image of {@code 2 * width} by {@code 2 * height} pixels. */
    public static BufferedImage image(final Chart chart, final int width, final int height) {
        final Java2dCanvas canvas = new Java2dCanvas(width, height, PNG_SCALE);
        draw(chart, canvas, width, height);
        return canvas.finish();
    }

    public static void writeSvg(final Chart chart, final int width, final int height, final Path file)
        throws IOException {
        Files.writeString(file, svg(chart, width, height), StandardCharsets.UTF_8);
    }

    public static void writePng(final Chart chart, final int width, final int height, final Path file)
        throws IOException {
        if (!ImageIO.write(image(chart, width, height), "png", file.toFile())) {
            throw new IOException(file + ": this JDK has no PNG writer");
        }
    }

    private static String cssClass(final Chart chart) {
        return switch (chart) {
            case BarChart _ -> "jitskit-bar-chart";
            case TrajectoryChart _ -> "jitskit-trajectory-chart";
        };
    }

    private static void draw(final Chart chart, final Canvas canvas, final int width, final int height) {
        switch (chart) {
            case BarChart b -> BarChartLayout.draw(b, canvas, width, height);
            case TrajectoryChart t -> TrajectoryLayout.draw(t, canvas, width, height);
        }
    }
}
