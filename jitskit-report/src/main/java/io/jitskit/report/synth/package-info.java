/**
 * The record of a synthesis run, {@code trajectory.json} (schema {@value io.jitskit.report.synth.Trajectory#SCHEMA}):
 * every attempt of the design / evaluate / reflect loop with its outcome, throughput, reason and cost, and the best
 * store found. The synthesis loop writes it with these records through {@link io.jitskit.report.synth.TrajectoryIo},
 * so the report reads exactly what the loop wrote.
 *
 * <p>A synthesis run directory holds {@code trajectory.json} and optionally {@code compare/compare.json} (the best
 * store beside its peers), {@code gate-report.json}, {@code design-brief.md} and {@code whiteboard.md}.
 */
package io.jitskit.report.synth;
