/**
 * The evaluation harness: the loss function of jitskit.
 *
 * <p>It drives a store through the store SPI with workloads whose keys are permuted and whose values are unforgeable
 * (see {@code io.jitskit.workload}), verifies every read it can, measures throughput and latency without becoming
 * the bottleneck, and reports leading indicators beside the numbers. A store under test normally runs in a child JVM
 * ({@link io.jitskit.harness.fork}) so that its memory budget can be enforced from outside.
 */
package io.jitskit.harness;
