/**
 * Charts without JavaScript: a chart is laid out once against a small {@link io.jitskit.report.chart.Canvas} and
 * rendered by two canvases, hand-written SVG (for the HTML report) and Java2D into a PNG (for files and slides), so
 * both pictures show the same marks at the same places.
 *
 * <p>Rules: every SVG is well-formed XML with a {@code <title>}, axis labels and {@code class="jitskit-chart"}; every
 * data mark carries a CSS class naming what it is ({@code bar}, {@code point accepted}, ...) and a tooltip title, so
 * tests and browsers can find the data. Layout uses estimated text widths, never font metrics, so the two renderers
 * agree; PNG rendering runs headless ({@code java.awt.headless=true}).
 */
package io.jitskit.report.chart;
