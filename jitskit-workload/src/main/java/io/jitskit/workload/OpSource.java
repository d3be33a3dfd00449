package io.jitskit.workload;

/**
 * A stream of operations for one worker thread.
 *
 * <p>Single-threaded: each worker owns its source and never shares it. {@link #fill} allocates nothing, so a driver
 * may call it between timed batches (or time it and report the cost: see {@link Workloads#measureGenerationRate}).
 */
public interface OpSource {

    /**
     * Fills {@code batch} with up to {@code batch.capacity()} operations and sets {@code batch.size}.
     *
     * @return the number of operations written; 0 only when the source is exhausted (an operation-count phase has
     *     issued its share, or a trace without loop has ended), and every later call returns 0 as well
     */
    int fill(OpBatch batch);
}
