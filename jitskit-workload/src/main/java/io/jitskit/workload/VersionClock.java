package io.jitskit.workload;

/**
 * Versions of written values: unique across a run and increasing within each thread.
 *
 * <p>{@code version = sequence << 8 | thread}: the thread's own write counter (starting at 1) in the high 55 bits,
 * its index in the low 8. No coordination between threads, so versions are globally unique but only ordered within
 * a thread. The order of two writes of one key by different threads is not in the versions: the harness takes it
 * from its log of when each write started and completed (a read must return the latest write that completed before
 * it started, or one concurrent with it). Values of at least 24 bytes carry the whole version; smaller ones carry
 * less (see {@link ValueCodec#versionBits}). One clock per worker thread, shared by its load and run phases so the
 * run's versions follow the load's; not thread-safe.
 */
public final class VersionClock {

    /** Bits of the thread index. */
    public static final int THREAD_BITS = 8;
    /** Most threads a run can have. */
    public static final int MAX_THREADS = 1 << THREAD_BITS;

    private final int thread;
    private long sequence;

    public VersionClock(final int thread) {
        if (thread < 0 || thread >= MAX_THREADS) {
            throw new IllegalArgumentException("thread index " + thread + " outside [0, " + MAX_THREADS + ")");
        }
        this.thread = thread;
    }

    /** The version of this thread's next write. */
    public long next() {
        return of(++sequence, thread);
    }

    /** The version of the last write, or {@code of(0, thread)} before the first. */
    public long current() {
        return of(sequence, thread);
    }

    /** The version of a thread's {@code sequence}-th write. */
    public static long of(final long sequence, final int thread) {
        return sequence << THREAD_BITS | thread;
    }

    /** The thread that wrote {@code version}. */
    public static int threadOf(final long version) {
        return (int) (version & (MAX_THREADS - 1));
    }

    /** The writing thread's sequence number of {@code version}. */
    public static long sequenceOf(final long version) {
        return version >>> THREAD_BITS;
    }
}
