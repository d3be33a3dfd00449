package io.jitskit.workload.trace;

/**
 * Layout of a compact trace file ({@code .jkt}): a 192-byte header, one 8-byte record per request, one u16 per
 * distinct key with its original length, then two samples of what the keys hold, all little-endian.
 * <pre>
 * Header
 *   0                               8               12              16
 *   +-------------------------------+---------------+---------------+
 *   | magic "JKTRACE\0"             | layout version| source format |
 *   +-------------------------------+---------------+---------------+
 *  16 records (requests, op_count expanded)    24 distinct keys
 *  32 source rows read (incl. skipped)         40 malformed rows skipped
 *  48 request count per op code, 5 x u64 (READ, UPSERT, RMW, DELETE, INSERT) .. 88
 *  88 size min u32 | 92 size max u32           96 size sum u64
 * 104 time min i64                            112 time max i64
 * 120 known size min u32 (smallest non-zero value size, 0 if none) | 124 key size min u32
 * 128 key size max u32 | 132 reserved u32     136 key size sum u64 (over keys with a known size)
 * 144 keys with a known size u64              152 value sample length u32 | 156 key sample length u32
 * 160 reserved .. 192 first record
 *
 * Record
 *   0                               4                         29  32
 *   +-------------------------------+--------------------------+---+
 *   | dense key id u32              | value size (29 bits)     |op |
 *   +-------------------------------+--------------------------+---+
 *
 * Key-size table, after the last record
 *   u16 per dense key id: the key's original length in bytes (the first one the trace gives), 0 when unknown
 *
 * Samples, after the key-size table: evenly spaced quantiles, ascending, at most 1,024 of each
 *   u32 per entry: value sizes, one per key with a known size (the largest the trace gives it)
 *   u32 per entry: key lengths, one per key with a recorded length
 * </pre>
 * Dense key ids number the distinct keys {@code [0, distinct)} in order of first appearance. The op code sits in
 * the top 3 bits of the second word, so value sizes are limited to 2^29 - 1 bytes (512 MiB).
 */
final class CompactTraceDescriptor {

    static final long MAGIC = 0x0045_4341_5254_4B4AL; // "JKTRACE\0" read little-endian
    static final int LAYOUT_VERSION = 3;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 8;
    static final int FORMAT_OFFSET = 12;
    static final int RECORDS_OFFSET = 16;
    static final int DISTINCT_KEYS_OFFSET = 24;
    static final int SOURCE_ROWS_OFFSET = 32;
    static final int MALFORMED_OFFSET = 40;
    static final int OP_COUNTS_OFFSET = 48;
    static final int SIZE_MIN_OFFSET = 88;
    static final int SIZE_MAX_OFFSET = 92;
    static final int SIZE_SUM_OFFSET = 96;
    static final int TIME_MIN_OFFSET = 104;
    static final int TIME_MAX_OFFSET = 112;
    static final int KNOWN_SIZE_MIN_OFFSET = 120;
    static final int KEY_SIZE_MIN_OFFSET = 124;
    static final int KEY_SIZE_MAX_OFFSET = 128;
    static final int KEY_SIZE_SUM_OFFSET = 136;
    static final int KEYS_WITH_SIZE_OFFSET = 144;
    static final int VALUE_SAMPLE_OFFSET = 152;
    static final int KEY_SAMPLE_OFFSET = 156;
    static final int HEADER_BYTES = 192;

    static final int RECORD_BYTES = 8;
    static final int OP_SHIFT = 29;
    static final int MAX_VALUE_SIZE = (1 << OP_SHIFT) - 1;
    static final long MAX_DISTINCT_KEYS = Integer.MAX_VALUE;
    static final int KEY_SIZE_BYTES = Short.BYTES;
    static final int MAX_KEY_SIZE = 0xFFFF;
    static final int MAX_SAMPLE = 1024;
    static final int SAMPLE_ENTRY_BYTES = Integer.BYTES;

    private CompactTraceDescriptor() {
    }

    static long recordOffset(final long index) {
        return HEADER_BYTES + index * RECORD_BYTES;
    }

    /** Where the key-size table starts, after {@code requests} records. */
    static long keySizeTableOffset(final long requests) {
        return recordOffset(requests);
    }

    /** Where the samples start. */
    static long samplesOffset(final long requests, final long distinct) {
        return keySizeTableOffset(requests) + distinct * KEY_SIZE_BYTES;
    }

    /** The file's length. */
    static long fileBytes(final long requests, final long distinct, final int valueSample, final int keySample) {
        return samplesOffset(requests, distinct) + (long) (valueSample + keySample) * SAMPLE_ENTRY_BYTES;
    }

    /**
     * {@code count} evenly spaced quantiles (the midpoints of equal shares) of the first {@code n} entries of
     * {@code sorted}: at most {@link #MAX_SAMPLE}, and all of them when there are fewer.
     */
    static int[] quantiles(final int[] sorted, final int n) {
        final int count = Math.min(n, MAX_SAMPLE);
        final int[] sample = new int[count];
        for (int i = 0; i < count; i++) {
            sample[i] = sorted[(int) ((2L * i + 1) * n / (2L * count))];
        }
        return sample;
    }

    static int packOpAndSize(final byte op, final int size) {
        return op << OP_SHIFT | size;
    }

    static byte op(final int opAndSize) {
        return (byte) (opAndSize >>> OP_SHIFT);
    }

    static int size(final int opAndSize) {
        return opAndSize & MAX_VALUE_SIZE;
    }
}
