package io.jitskit.workload.trace;

/**
 * Layout of a compact trace file ({@code .jkt}): a 128-byte header, then one 8-byte record per request, all
 * little-endian.
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
 * 120 reserved                                128 first record
 *
 * Record
 *   0                               4                         29  32
 *   +-------------------------------+--------------------------+---+
 *   | dense key id u32              | value size (29 bits)     |op |
 *   +-------------------------------+--------------------------+---+
 * </pre>
 * Dense key ids number the distinct keys {@code [0, distinct)} in order of first appearance. The op code sits in
 * the top 3 bits of the second word, so value sizes are limited to 2^29 - 1 bytes (512 MiB).
 */
final class CompactTraceDescriptor {

    static final long MAGIC = 0x0045_4341_5254_4B4AL; // "JKTRACE\0" read little-endian
    static final int LAYOUT_VERSION = 1;

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
    static final int HEADER_BYTES = 128;

    static final int RECORD_BYTES = 8;
    static final int OP_SHIFT = 29;
    static final int MAX_VALUE_SIZE = (1 << OP_SHIFT) - 1;
    static final long MAX_DISTINCT_KEYS = Integer.MAX_VALUE;

    private CompactTraceDescriptor() {
    }

    static long recordOffset(final long index) {
        return HEADER_BYTES + index * RECORD_BYTES;
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
