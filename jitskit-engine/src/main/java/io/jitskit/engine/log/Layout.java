package io.jitskit.engine.log;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Every off-heap format of the store: the index slot and its meta word, the log record, and the hashes. Offsets and
 * bit budgets only; no state.
 *
 * <pre>
 * Index slot (16 bytes, 4 per cache line):
 *   0               8               16
 *   +---------------+---------------+
 *   |  key (8 B)    |  meta (8 B)   |    key: full 8-byte key, written once per claim, under BUSY
 *   +---------------+---------------+    meta: the only word a CAS changes
 *
 * Meta word:
 *   63 62 | 61 ........ 54 | 53 ........ 40 | 39 ..................... 0
 *   tag   | log id (8)     | record/16 (14) | log offset/16 (40)            tag 01 LOG
 *   tag   | length (3) 0 0 0 | value bytes 0..6 (56, little-endian)          tag 10 INLINE
 *   tag   | session id (8) | serial of the delete (54 bits from bit 0)       tag 11 TOMBSTONE
 *   0 = EMPTY (end of every probe chain, never restored), 1 = BUSY (a claim is writing the key)
 *
 * Every LOG and TOMBSTONE meta is unique for the life of the store (log offsets only grow; a tombstone names the
 * session and serial of its delete), so a CAS on them cannot suffer ABA. INLINE metas are not unique; the design
 * therefore inlines only when the spec has no delete, when a slot's key can never change.
 *
 * Log record (16-byte aligned, never crosses a page):
 *   0        4        8                16               24        28        32
 *   +--------+--------+----------------+----------------+---------+---------+----------------+
 *   | type   | vlen   | key            | serial         | session | check   | value (vlen B)  pad to 16
 *   +--------+--------+----------------+----------------+---------+---------+----------------+
 *   type RECORD or PAD (skip to the page end); 0 = never written (skip to the page end).
 *   check: 32-bit checksum of bytes [0, 28) and the value.
 * </pre>
 */
final class Layout {

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    /** Aligned 8-byte atomics on index slots and counters; coordinates (segment, offset). */
    static final VarHandle ATOMIC_LONG = ValueLayout.JAVA_LONG.varHandle();
    /** Aligned 4-byte atomics on stripe locks. */
    static final VarHandle ATOMIC_INT = ValueLayout.JAVA_INT.varHandle();

    /* ---- Index slot ---- */

    static final int SLOT_BYTES = 16;
    static final int KEY_OFFSET = 0;
    static final int META_OFFSET = 8;

    static final long EMPTY = 0L;
    static final long BUSY = 1L;
    static final long TAG_MASK = 3L << 62;
    static final long TAG_LOG = 1L << 62;
    static final long TAG_INLINE = 2L << 62;
    static final long TAG_TOMBSTONE = 3L << 62;

    static final int LOG_ID_SHIFT = 54;
    static final int RECORD_UNITS_SHIFT = 40;
    static final long OFFSET_UNITS_MASK = (1L << 40) - 1;
    static final int RECORD_UNITS_MASK = (1 << 14) - 1;
    /** Largest record the meta word can describe. */
    static final int MAX_RECORD_BYTES = RECORD_UNITS_MASK << 4;
    /** Largest value an INLINE meta holds. */
    static final int MAX_INLINE_BYTES = 7;

    /* ---- Log record ---- */

    static final int RECORD_ALIGN = 16;
    static final int HEADER_BYTES = 32;
    static final int TYPE_OFFSET = 0;
    static final int VALUE_LENGTH_OFFSET = 4;
    static final int RECORD_KEY_OFFSET = 8;
    static final int SERIAL_OFFSET = 16;
    static final int SESSION_OFFSET = 24;
    static final int CHECK_OFFSET = 28;
    static final int VALUE_OFFSET = 32;
    /** "JKR1": a record. */
    static final int TYPE_RECORD = 0x3152_4B4A;
    /** "JKPD": padding to the end of the page. */
    static final int TYPE_PAD = 0x4450_4B4A;

    private static final long HASH_SEED = 0x2545_F491_4F6C_DD1DL;
    private static final long C1 = 0x87C3_7B91_1142_53D5L;
    private static final long C2 = 0x4CF5_AD43_2745_937FL;

    private Layout() {
    }

    static long tag(final long meta) {
        return meta & TAG_MASK;
    }

    static boolean isLive(final long meta) {
        final long tag = meta & TAG_MASK;
        return tag == TAG_LOG || tag == TAG_INLINE;
    }

    static long logMeta(final int logId, final long offset, final int recordBytes) {
        return TAG_LOG | (long) logId << LOG_ID_SHIFT | (long) (recordBytes >>> 4) << RECORD_UNITS_SHIFT
            | offset >>> 4;
    }

    static int logIdOf(final long meta) {
        return (int) (meta >>> LOG_ID_SHIFT) & 0xFF;
    }

    static int recordBytesOf(final long meta) {
        return ((int) (meta >>> RECORD_UNITS_SHIFT) & RECORD_UNITS_MASK) << 4;
    }

    static long offsetOf(final long meta) {
        return (meta & OFFSET_UNITS_MASK) << 4;
    }

    static long tombstone(final int sessionId, final long serial) {
        return TAG_TOMBSTONE | (long) sessionId << LOG_ID_SHIFT | (serial & ((1L << LOG_ID_SHIFT) - 1));
    }

    /** An INLINE meta holding {@code length} (at most 7) bytes of {@code value}. */
    static long inlineMeta(final MemorySegment value, final int length) {
        long bits = 0;
        for (int i = 0; i < length; i++) {
            bits |= (value.get(BYTE, i) & 0xFFL) << (8 * i);
        }
        return TAG_INLINE | (long) length << 59 | bits;
    }

    static int inlineLengthOf(final long meta) {
        return (int) (meta >>> 59) & 7;
    }

    static void copyInline(final long meta, final MemorySegment out, final int length) {
        for (int i = 0; i < length; i++) {
            out.set(BYTE, i, (byte) (meta >>> (8 * i)));
        }
    }

    static int recordBytes(final int valueLength) {
        return (HEADER_BYTES + valueLength + RECORD_ALIGN - 1) & -RECORD_ALIGN;
    }

    /* ---- Hashes ---- */

    /** murmur3's fmix64 of the seeded key: keys are scattered ids, so slots come from a strong mixer. */
    static long hash(final long key) {
        long h = key ^ HASH_SEED;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** Checksum of a record's header words [0, 28) and its value, as stored at {@code base} in {@code s}. */
    static int checksum(final MemorySegment s, final long base, final int valueLength) {
        long h = C2 ^ valueLength;
        h = mix(h, s.get(LONG, base));
        h = mix(h, s.get(LONG, base + RECORD_KEY_OFFSET));
        h = mix(h, s.get(LONG, base + SERIAL_OFFSET));
        h = mix(h, s.get(INT, base + SESSION_OFFSET));
        final long value = base + VALUE_OFFSET;
        final int words = valueLength >>> 3;
        for (int i = 0; i < words; i++) {
            h = mix(h, s.get(LONG, value + 8L * i));
        }
        for (int i = words << 3; i < valueLength; i++) {
            h = mix(h, s.get(BYTE, value + i));
        }
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(final long h, final long word) {
        return Long.rotateLeft(h ^ (word * C1), 31) * C2;
    }
}
