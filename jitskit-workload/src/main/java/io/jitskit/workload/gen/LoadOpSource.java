package io.jitskit.workload.gen;

import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;

/**
 * The load phase for one thread: one UPSERT for each id of a disjoint share, then exhausted.
 *
 * <p>Either a contiguous range {@code [first, first + count)} visited in a seeded shuffled order (a
 * {@link BoundedPermutation}, no n-sized array), or the ids {@code first, first + stride, ...} in ascending order
 * (time order: the oldest keys are written first, as a time series would have been). Not thread-safe.
 */
public final class LoadOpSource implements OpSource {

    private final Rng rng;
    private final SizeChooser sizes;
    private final long first;
    private final long count;
    private final long stride;
    private final BoundedPermutation shuffle;
    private long next;

    private LoadOpSource(final Rng rng, final SizeChooser sizes, final long first, final long count,
                         final long stride, final BoundedPermutation shuffle) {
        this.rng = rng;
        this.sizes = sizes;
        this.first = first;
        this.count = count;
        this.stride = stride;
        this.shuffle = shuffle;
    }

    /** The ids {@code [first, first + count)} in a shuffled order derived from {@code shuffleSeed}. */
    public static LoadOpSource shuffledRange(final Rng rng, final SizeChooser sizes, final long first,
                                             final long count, final long shuffleSeed) {
        return new LoadOpSource(rng, sizes, first, count, 1, count > 0 ? new BoundedPermutation(count, shuffleSeed)
            : null);
    }

    /** The ids {@code first + k * stride} for k in {@code [0, count)}, ascending. */
    public static LoadOpSource ascending(final Rng rng, final SizeChooser sizes, final long first, final long count,
                                         final long stride) {
        return new LoadOpSource(rng, sizes, first, count, stride, null);
    }

    @Override
    public int fill(final OpBatch batch) {
        final int n = (int) Math.min(batch.capacity(), count - next);
        for (int i = 0; i < n; i++) {
            final long k = next++;
            batch.ops[i] = OpCode.UPSERT;
            batch.keyIds[i] = first + (shuffle != null ? shuffle.apply(k) : k * stride);
            batch.valueSizes[i] = sizes.nextSize(rng);
        }
        batch.size = n;
        return n;
    }
}
