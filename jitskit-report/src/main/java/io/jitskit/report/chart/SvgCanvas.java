package io.jitskit.report.chart;

import java.awt.Color;
import java.util.Locale;

/**
 * Writes SVG by hand: one element per mark, presentation attributes inline (no stylesheet), so the picture looks the
 * same embedded in a page or opened alone. Coordinates are rounded to 0.1 px to keep the file small.
 */
final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder(8192);

    /**
     * @param chartClass  a second class beside {@code jitskit-chart} naming the kind of chart
     * @param title       the accessible name, first child of the root element
     * @param description one sentence on what the chart shows
     */
    SvgCanvas(final int width, final int height, final String chartClass, final String title,
              final String description) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"jitskit-chart ").append(chartClass)
            .append("\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" role=\"img\" font-family=\"").append(Palette.FONT_FAMILY).append("\">\n")
            .append("<title>").append(escape(title)).append("</title>\n")
            .append("<desc>").append(escape(description)).append("</desc>\n");
        rect(0, 0, width, height, Palette.BACKGROUND, null, "background", null);
    }

    /** The finished document; the canvas must not be drawn on afterwards. */
    String finish() {
        return svg.append("</svg>\n").toString();
    }

    @Override
    public void rect(final double x, final double y, final double width, final double height, final Color fill,
                     final Color stroke, final String cssClass, final String title) {
        svg.append("<rect class=\"").append(cssClass).append("\" x=\"").append(num(x)).append("\" y=\"")
            .append(num(y)).append("\" width=\"").append(num(Math.max(0, width))).append("\" height=\"")
            .append(num(Math.max(0, height))).append("\" fill=\"").append(Palette.hex(fill)).append('"');
        if (stroke != null) {
            svg.append(" stroke=\"").append(Palette.hex(stroke)).append('"');
        }
        close("rect", title);
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Color stroke,
                     final double width, final boolean dashed, final String cssClass) {
        svg.append("<line class=\"").append(cssClass).append("\" x1=\"").append(num(x1)).append("\" y1=\"")
            .append(num(y1)).append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2))
            .append("\" stroke=\"").append(Palette.hex(stroke)).append("\" stroke-width=\"").append(num(width))
            .append('"');
        if (dashed) {
            svg.append(" stroke-dasharray=\"4 3\"");
        }
        svg.append("/>\n");
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final Color stroke, final double width,
                         final String cssClass) {
        svg.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"")
            .append(Palette.hex(stroke)).append("\" stroke-width=\"").append(num(width)).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            svg.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void circle(final double cx, final double cy, final double radius, final Color fill, final Color stroke,
                       final String cssClass, final String title) {
        svg.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(num(cx)).append("\" cy=\"")
            .append(num(cy)).append("\" r=\"").append(num(radius)).append("\" fill=\"")
            .append(fill == null ? "none" : Palette.hex(fill)).append('"');
        if (stroke != null) {
            svg.append(" stroke=\"").append(Palette.hex(stroke)).append("\" stroke-width=\"1.5\"");
        }
        close("circle", title);
    }

    @Override
    public void text(final double x, final double y, final String text, final double size, final Anchor anchor,
                     final Color color, final boolean bold, final boolean vertical, final String cssClass) {
        svg.append("<text class=\"").append(cssClass).append("\" x=\"").append(num(x)).append("\" y=\"")
            .append(num(y)).append("\" font-size=\"").append(num(size)).append("\" fill=\"")
            .append(Palette.hex(color)).append("\" text-anchor=\"").append(switch (anchor) {
                case START -> "start";
                case MIDDLE -> "middle";
                case END -> "end";
            }).append('"');
        if (bold) {
            svg.append(" font-weight=\"bold\"");
        }
        if (vertical) {
            svg.append(" transform=\"rotate(-90 ").append(num(x)).append(' ').append(num(y)).append(")\"");
        }
        svg.append('>').append(escape(text)).append("</text>\n");
    }

    private void close(final String element, final String title) {
        if (title == null) {
            svg.append("/>\n");
        } else {
            // A child <title> is SVG's tooltip: the browser shows the exact figures on hover.
            svg.append("><title>").append(escape(title)).append("</title></").append(element).append(">\n");
        }
    }

    /** Escapes text for XML character data and attribute values. */
    static String escape(final String s) {
        final StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters even as references; drop them.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String num(final double v) {
        final double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
