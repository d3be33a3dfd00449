/**
 * Comparisons and reports: what turns benchmark results into something a person reads.
 *
 * <ul>
 *   <li>{@link io.jitskit.report.compare}: stores run side by side, interleaved, aggregated into a table and a chart
 *   ({@code jitskit compare}), with knob sweeps for the peers that have documented runtime knobs;</li>
 *   <li>{@link io.jitskit.report.chart}: bar and trajectory charts drawn once and rendered to SVG and PNG, no
 *   JavaScript and no external library;</li>
 *   <li>{@link io.jitskit.report.synth}: the records of a synthesis run's {@code trajectory.json};</li>
 *   <li>{@link io.jitskit.report.html}: the self-contained {@code report.html} of a compare or synthesis directory
 *   ({@code jitskit report}).</li>
 * </ul>
 *
 * <p>Rule for the whole module: a number is shown only for a run the harness judged {@code ok}. A failed run is
 * shown as failed with its reason, a skipped store as skipped with its reason; neither is ever drawn as a bar or
 * averaged into a median.
 */
package io.jitskit.report;
