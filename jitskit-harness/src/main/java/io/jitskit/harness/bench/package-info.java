/**
 * A benchmark of one store on one spec: in process ({@link io.jitskit.harness.bench.InProcessBench}) or, the
 * default, in a child JVM watched for its memory budget ({@link io.jitskit.harness.bench.ForkedBench}); results as
 * versioned JSON, a YCSB-style summary and a per-second CSV ({@link io.jitskit.harness.bench.ResultWriter}).
 */
package io.jitskit.harness.bench;
