/**
 * Freshness in timed runs: the latest acknowledged write of a secret sample of keys, against which every read of a
 * sampled key is judged while the benchmark runs and which every sampled key must still hold at its end.
 */
package io.jitskit.harness.freshness;
