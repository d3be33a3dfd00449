/**
 * What repeated measurements of a noisy machine allow one to say: a store's median with its spread and a 95%
 * interval ({@link io.jitskit.harness.stats.Spread}), and whether one store beats another in paired, interleaved runs
 * ({@link io.jitskit.harness.stats.PairedRatio}). The harness's noise sources and how each was measured are in
 * {@code jitskit-harness/EVALUATOR.md}.
 */
package io.jitskit.harness.stats;
