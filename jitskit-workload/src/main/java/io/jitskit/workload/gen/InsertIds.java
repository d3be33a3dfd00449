package io.jitskit.workload.gen;

/**
 * One thread's stream of new key ids for inserts: {@code base + k * threads + thread} for k = 0, 1, ... Streams of
 * different threads are disjoint, so threads never insert the same key and need no coordination. Not thread-safe.
 */
public final class InsertIds {

    private final long first;
    private final int stride;
    private long issued;

    /**
     * @param base    the first id past the loaded ones (the key count)
     * @param thread  this thread's index in {@code [0, threads)}
     * @param threads the number of threads sharing the id space
     */
    public InsertIds(final long base, final int thread, final int threads) {
        if (thread < 0 || thread >= threads) {
            throw new IllegalArgumentException("thread " + thread + " outside [0, " + threads + ")");
        }
        this.first = base + thread;
        this.stride = threads;
    }

    /** Issues the next new id. */
    public long next() {
        return idAt(issued++);
    }

    /** How many ids were issued. */
    public long issued() {
        return issued;
    }

    /** The {@code k}-th id of this stream. */
    public long idAt(final long k) {
        return first + k * stride;
    }
}
