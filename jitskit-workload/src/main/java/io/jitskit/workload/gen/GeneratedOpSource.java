package io.jitskit.workload.gen;

import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;

/**
 * The run phase of a generated workload for one thread: operations from {@link Arrivals}, keys from a
 * {@link KeyChooser}, sizes from a {@link SizeChooser}, new ids for inserts from this thread's {@link InsertIds}.
 * Reads, upserts, rmws and deletes name loaded ids (or, under "latest", this thread's inserted ids); inserts always
 * name fresh ids. Not thread-safe; allocation-free per fill.
 */
public final class GeneratedOpSource implements OpSource {

    private final Rng rng;
    private final Arrivals arrivals;
    private final KeyChooser keys;
    private final SizeChooser sizes;
    private final InsertIds inserts;
    private long remaining;

    /**
     * @param operations how many operations this source issues before it is exhausted; {@link Long#MAX_VALUE} for a
     *                   timed phase
     */
    public GeneratedOpSource(final Rng rng, final Arrivals arrivals, final KeyChooser keys, final SizeChooser sizes,
                             final InsertIds inserts, final long operations) {
        this.rng = rng;
        this.arrivals = arrivals;
        this.keys = keys;
        this.sizes = sizes;
        this.inserts = inserts;
        this.remaining = operations;
    }

    @Override
    public int fill(final OpBatch batch) {
        final int n = (int) Math.min(batch.capacity(), remaining);
        final byte[] ops = batch.ops;
        final long[] keyIds = batch.keyIds;
        final int[] valueSizes = batch.valueSizes;
        for (int i = 0; i < n; i++) {
            final byte op = arrivals.next(rng);
            ops[i] = op;
            switch (op) {
                case OpCode.INSERT -> {
                    keyIds[i] = inserts.next();
                    valueSizes[i] = sizes.nextSize(rng);
                }
                case OpCode.UPSERT, OpCode.RMW -> {
                    keyIds[i] = keys.nextKeyId(rng);
                    valueSizes[i] = sizes.nextSize(rng);
                }
                default -> {
                    keyIds[i] = keys.nextKeyId(rng);
                    valueSizes[i] = 0;
                }
            }
        }
        remaining -= n;
        batch.size = n;
        return n;
    }
}
