/**
 * The multi-threaded in-process driver: one worker thread and one session per configured thread.
 *
 * <p>Rules of the timed path: nothing allocates per operation; generation happens in batches whose cost is timed
 * separately and reported; latency is recorded for a sampled subset of operations (every 2^k-th), so that measuring
 * stays a small fraction of even a no-op store's cost; counters shared with the reporting thread are published once
 * per batch with opaque stores and sit on their own cache lines.
 */
package io.jitskit.harness.driver;
