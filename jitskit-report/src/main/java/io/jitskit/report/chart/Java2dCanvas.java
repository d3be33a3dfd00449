package io.jitskit.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws on a {@link BufferedImage} with Java2D, anti-aliased; CSS classes and titles have no meaning here. */
final class Java2dCanvas implements Canvas {

    private static final float[] DASH = {4f, 3f};

    private final BufferedImage image;
    private final Graphics2D g;

    /** @param scale device pixels per layout pixel (2 gives a sharp picture on high-density screens and slides) */
    Java2dCanvas(final int width, final int height, final double scale) {
        image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
            BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.setColor(Palette.BACKGROUND);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
    }

    /** The finished picture; the canvas must not be drawn on afterwards. */
    BufferedImage finish() {
        g.dispose();
        return image;
    }

    @Override
    public void rect(final double x, final double y, final double width, final double height, final Color fill,
                     final Color stroke, final String cssClass, final String title) {
        final Rectangle2D r = new Rectangle2D.Double(x, y, Math.max(0, width), Math.max(0, height));
        g.setColor(fill);
        g.fill(r);
        if (stroke != null) {
            g.setStroke(new BasicStroke(1f));
            g.setColor(stroke);
            g.draw(r);
        }
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Color stroke,
                     final double width, final boolean dashed, final String cssClass) {
        g.setStroke(dashed
            ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f)
            : new BasicStroke((float) width));
        g.setColor(stroke);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final Color stroke, final double width,
                         final String cssClass) {
        final Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(stroke);
        g.draw(path);
    }

    @Override
    public void circle(final double cx, final double cy, final double radius, final Color fill, final Color stroke,
                       final String cssClass, final String title) {
        final Ellipse2D e = new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius);
        if (fill != null) {
            g.setColor(fill);
            g.fill(e);
        }
        if (stroke != null) {
            g.setStroke(new BasicStroke(1.5f));
            g.setColor(stroke);
            g.draw(e);
        }
    }

    @Override
    public void text(final double x, final double y, final String text, final double size, final Anchor anchor,
                     final Color color, final boolean bold, final boolean vertical, final String cssClass) {
        final Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
        g.setFont(font);
        g.setColor(color);
        final double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        final double shift = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -width / 2;
            case END -> -width;
        };
        final AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(text, (float) shift, 0f);
        g.setTransform(saved);
    }
}
