/**
 * Workloads for the harness: what each worker thread does, and the bytes it uses to do it.
 *
 * <p>The driver's view: {@link io.jitskit.workload.Workloads} (or, for a trace,
 * {@code io.jitskit.workload.trace.TraceCache}) gives one {@link io.jitskit.workload.OpSource} per worker; the worker
 * fills an {@link io.jitskit.workload.OpBatch} outside its timed region, then for each entry maps the dense key id
 * to key bytes with {@link io.jitskit.workload.KeySpace}, takes a version from its
 * {@link io.jitskit.workload.VersionClock}, and writes or verifies value bytes with
 * {@link io.jitskit.workload.ValueCodec}.
 *
 * <p>Rules: the seed of a run is hidden from the store; ids never reach the store unpermuted; nothing on the
 * per-operation path allocates; everything per thread is owned by that thread, and everything shared is immutable.
 */
package io.jitskit.workload;
