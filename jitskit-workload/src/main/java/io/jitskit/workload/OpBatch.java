package io.jitskit.workload;

/**
 * A preallocated batch of operations, filled by an {@link OpSource} and executed by one worker thread.
 *
 * <p>Parallel arrays rather than an array of objects: filling and draining a batch touches three dense arrays and
 * allocates nothing. Entry {@code i < size} is the operation {@code ops[i]} (an {@link OpCode}) on key id
 * {@code keyIds[i]} (to be mapped by {@link KeySpace}) with {@code valueSizes[i]}:
 * <ul>
 *   <li>UPSERT, INSERT: the size of the value to write;</li>
 *   <li>RMW: the size of the initial value used when the key is absent (at least 8 bytes);</li>
 *   <li>READ from a trace: the traced object size, for upsert-on-miss (0 when the trace does not know it);</li>
 *   <li>READ from a generator, DELETE: 0.</li>
 * </ul>
 * The fields are public and mutable on purpose: a batch is owned by one thread, like a reusable I/O buffer.
 */
public final class OpBatch {

    /** A capacity that amortizes the per-fill overhead while the batch stays in L1/L2 (4096 x 13 bytes). */
    public static final int DEFAULT_CAPACITY = 4096;

    /** {@link OpCode} per entry. */
    public final byte[] ops;
    /** Dense key id per entry, before the hidden permutation. */
    public final long[] keyIds;
    /** Value size per entry; see the class comment. */
    public final int[] valueSizes;
    /** Number of valid entries, set by the last {@link OpSource#fill}. */
    public int size;

    public OpBatch(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be positive, was " + capacity);
        }
        ops = new byte[capacity];
        keyIds = new long[capacity];
        valueSizes = new int[capacity];
    }

    public OpBatch() {
        this(DEFAULT_CAPACITY);
    }

    /** Most entries one fill may produce. */
    public int capacity() {
        return ops.length;
    }
}
