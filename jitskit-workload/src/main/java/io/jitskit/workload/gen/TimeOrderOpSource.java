package io.jitskit.workload.gen;

import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;

/**
 * Time order for one thread: a sliding window of live ids.
 *
 * <p>Thread {@code t} of {@code T} owns the ids {@code j * T + t}; it starts with its share of the loaded ids
 * {@code [0, keyCount)} live, {@code j} in {@code [tail, head)}. An insert appends {@code j = head++} (a fresh id no
 * other thread can produce); a delete retires the oldest, {@code j = tail++}; reads, upserts and rmws go uniformly to
 * this thread's live ids. The window's size is held fixed: insert and delete draws from the mix are served as a strict
 * alternation insert, delete, insert, ... so the thread's live count is its share after every pair and one more in
 * between (the mix's insert and delete proportions must therefore be equal). A thread only touches its own window, so
 * nothing it reads or deletes can be deleted by another thread under its feet. Not thread-safe; allocation-free.
 */
public final class TimeOrderOpSource implements OpSource {

    private final Rng rng;
    private final Arrivals arrivals;
    private final SizeChooser sizes;
    private final int thread;
    private final int threads;
    private long tail;
    private long head;
    private boolean insertNext = true;
    private long remaining;

    public TimeOrderOpSource(final Rng rng, final Arrivals arrivals, final SizeChooser sizes, final long keyCount,
                             final int thread, final int threads, final long operations) {
        if (keyCount < threads) {
            throw new IllegalArgumentException("time order needs at least one live key per thread: key count "
                + keyCount + " < threads " + threads);
        }
        this.rng = rng;
        this.arrivals = arrivals;
        this.sizes = sizes;
        this.thread = thread;
        this.threads = threads;
        this.head = liveShare(keyCount, thread, threads);
        this.remaining = operations;
    }

    /** How many of the loaded ids {@code [0, keyCount)} thread {@code thread} owns: those congruent to it mod T. */
    public static long liveShare(final long keyCount, final int thread, final int threads) {
        return (keyCount - thread + threads - 1) / threads;
    }

    /** This thread's live ids right now (its share, or one more between an insert and its paired delete). */
    public long liveCount() {
        return head - tail;
    }

    /** The oldest live id. */
    public long oldestLiveId() {
        return idOf(tail);
    }

    @Override
    public int fill(final OpBatch batch) {
        final int n = (int) Math.min(batch.capacity(), remaining);
        final byte[] ops = batch.ops;
        final long[] keyIds = batch.keyIds;
        final int[] valueSizes = batch.valueSizes;
        for (int i = 0; i < n; i++) {
            byte op = arrivals.next(rng);
            if (op == OpCode.INSERT || op == OpCode.DELETE) {
                op = insertNext ? OpCode.INSERT : OpCode.DELETE;
                insertNext = !insertNext;
            }
            ops[i] = op;
            switch (op) {
                case OpCode.INSERT -> {
                    keyIds[i] = idOf(head++);
                    valueSizes[i] = sizes.nextSize(rng);
                }
                case OpCode.DELETE -> {
                    keyIds[i] = idOf(tail++);
                    valueSizes[i] = 0;
                }
                case OpCode.UPSERT, OpCode.RMW -> {
                    keyIds[i] = idOf(tail + rng.nextLong(head - tail));
                    valueSizes[i] = sizes.nextSize(rng);
                }
                default -> {
                    keyIds[i] = idOf(tail + rng.nextLong(head - tail));
                    valueSizes[i] = 0;
                }
            }
        }
        remaining -= n;
        batch.size = n;
        return n;
    }

    private long idOf(final long j) {
        return j * threads + thread;
    }
}
