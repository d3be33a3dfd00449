package io.jitskit.report.chart;

import java.awt.Color;

/**
 * A drawing surface in pixels, origin at the top left. The layout code draws each chart once against this; SVG keeps
 * the CSS class and hover title of each mark, Java2D has no use for them and ignores them.
 */
interface Canvas {

    /** Horizontal alignment of text relative to its x. */
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double width, double height, Color fill, Color stroke, String cssClass,
              String title);

    void line(double x1, double y1, double x2, double y2, Color stroke, double width, boolean dashed,
              String cssClass);

    /** An open path through the points, {@code xs.length == ys.length >= 2}. */
    void polyline(double[] xs, double[] ys, Color stroke, double width, String cssClass);

    /** A circle; {@code fill} null draws it hollow. */
    void circle(double cx, double cy, double radius, Color fill, Color stroke, String cssClass, String title);

    /**
     * Text whose baseline starts, centres or ends at {@code (x, y)}; {@code vertical} turns it 90 degrees
     * counter-clockwise around that point (for a y-axis label).
     */
    void text(double x, double y, String text, double size, Anchor anchor, Color color, boolean bold,
              boolean vertical, String cssClass);
}
