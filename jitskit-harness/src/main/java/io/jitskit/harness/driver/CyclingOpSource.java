package io.jitskit.harness.driver;

import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpSource;

/**
 * Takes generation out of the timed path: draws a fixed number of operations from a source before the phase starts,
 * then replays them in a cycle, one {@link System#arraycopy} per batch.
 *
 * <p>Only for sources without state that the store's answers depend on (uniform, zipfian, scrambled, hotspot key
 * choices over a fixed key set): replaying such a sample keeps the distribution. Time-ordered inserts and deletes, and
 * "latest", depend on what was inserted before and are never cycled. Versions of written values are not part of the
 * sample: workers number them as they go, so a replayed upsert still writes a new value.
 */
final class CyclingOpSource implements OpSource {

    private final byte[] ops;
    private final long[] keyIds;
    private final int[] valueSizes;
    private final int length;
    private int next;

    /**
     * @param source   the generator to sample
     * @param capacity operations to keep; rounded down to whole batches of {@code batchSize}
     */
    CyclingOpSource(final OpSource source, final int capacity, final int batchSize) {
        final int batches = Math.max(1, capacity / batchSize);
        this.ops = new byte[batches * batchSize];
        this.keyIds = new long[ops.length];
        this.valueSizes = new int[ops.length];
        final OpBatch batch = new OpBatch(batchSize);
        int filled = 0;
        while (filled < ops.length) {
            final int n = source.fill(batch);
            if (n == 0) {
                break;
            }
            final int take = Math.min(n, ops.length - filled);
            System.arraycopy(batch.ops, 0, ops, filled, take);
            System.arraycopy(batch.keyIds, 0, keyIds, filled, take);
            System.arraycopy(batch.valueSizes, 0, valueSizes, filled, take);
            filled += take;
        }
        this.length = filled;
    }

    @Override
    public int fill(final OpBatch batch) {
        if (length == 0) {
            return 0;
        }
        final int n = Math.min(batch.capacity(), length - next);
        System.arraycopy(ops, next, batch.ops, 0, n);
        System.arraycopy(keyIds, next, batch.keyIds, 0, n);
        System.arraycopy(valueSizes, next, batch.valueSizes, 0, n);
        batch.size = n;
        next += n;
        if (next == length) {
            next = 0;
        }
        return n;
    }

    /** Bytes one cycled operation occupies. */
    static final int BYTES_PER_OP = Byte.BYTES + Long.BYTES + Integer.BYTES;
}
