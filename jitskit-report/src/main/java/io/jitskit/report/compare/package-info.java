/**
 * Side-by-side comparisons ({@code jitskit compare}): stores run on one spec, interleaved, each run a fresh child JVM
 * held to the card's budget, then aggregated into one row per store.
 *
 * <p>Rules. Runs are interleaved round-robin (run 1 of every store, then run 2 of every store, ...), so machine noise
 * and warm-up drift spread over all stores instead of landing on whichever ran last. Every round draws a fresh hidden
 * seed and all stores of a round get the same one, so they see the same keys and values. A store with any failed run
 * is reported as failed with the first reason, never with a number: correctness is not a majority vote. A store that
 * cannot serve the spec is run once, reported as skipped with its own reason, and not retried.
 *
 * <p>Knobs. A store name may carry runtime knob overrides, {@code rocksdb[block_cache_fraction=0.5,bloom_bits=10]};
 * each reaches the store's JVM as the system property {@code jitskit.knob.<name>=<value>}, which adapters read.
 * {@link io.jitskit.report.compare.KnobGrid} documents the grids a sweep ({@code --sweep}) expands; the final table
 * keeps each store's best configuration and {@code compare.json} lists them all.
 */
package io.jitskit.report.compare;
