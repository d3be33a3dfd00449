package io.jitskit.engine.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Layout of the index: slots, groups, shards, and the version word that is each slot's seqlock. Offsets and bit
 * fields only; the protocols that use them are in the store. {@code StoreConfig} draws this design's slot with its
 * sizes.
 *
 * <pre>
 * slot (SLOT_BYTES bytes, 8-aligned; SLOTS_PER_GROUP slots = one GROUP_BYTES-byte group, 64-aligned)
 *  0                   8                   16                                  SLOT_BYTES
 *  +-------------------+-------------------+-------------------------------------+
 *  |   version word    |  key or key tag   |  payload (INLINE_BYTES)             |
 *  +-------------------+-------------------+-------------------------------------+
 *  fixed keys: the key's 8 bytes; payload: the value, or bytes 16..23 hold its slab reference when it is longer
 *  than INLINE_BYTES (SOME_INLINE) or always (no size fits inline)
 *  variable keys: 48 bits of a hash of the key over its 16-bit length, confirmed on the key bytes; payload bytes
 *  16..23 hold the slab reference of a chunk with the key's bytes followed by the value's
 *
 * version word
 *  63                                  24 23                    3 2     1 0
 *  +--------------------------------------+-----------------------+-------+-+
 *  |        version (40 bits)             |  value length (21)    | state |L|
 *  +--------------------------------------+-----------------------+-------+-+
 *  L     = 1 while a writer holds the slot (odd = write in progress)
 *  state = EMPTY (ends every chain through it) | LIVE | TOMBSTONE (deleted, key kept; with variable keys as a tag
 *          only: never matched, reused by claims)
 *  version advances on every mutation, so a reader that copied during a write always sees the word change
 * </pre>
 */
final class SlotLayout {

    /** Bytes per slot. */
    static final int SLOT_BYTES = StoreConfig.SLOT_BYTES;
    /** Slots per group: the fewest slots that fill whole cache lines. */
    static final int SLOTS_PER_GROUP = StoreConfig.SLOTS_PER_GROUP;
    /** Bytes per group, a multiple of 64. */
    static final int GROUP_BYTES = StoreConfig.GROUP_BYTES;
    /** Groups per shard (a power of two with a power-of-two index; any count with fastrange). */
    static final long GROUPS_PER_SHARD = StoreConfig.GROUPS_PER_SHARD;
    /** Slots per shard; linear probing wraps within a shard. */
    static final long SLOTS_PER_SHARD = GROUPS_PER_SHARD * SLOTS_PER_GROUP;
    /** log2 of {@link #SLOTS_PER_SHARD} with a power-of-two index: the home slot is the top bits of the hash. */
    static final int SLOT_BITS = StoreConfig.SLOT_BITS;
    /** Index shards, each its own allocation. */
    static final int SHARDS = StoreConfig.SHARDS;
    /** Hash bits 16.. select the shard (a power-of-two shard count). */
    static final int SHARD_MASK = SHARDS - 1;
    /** Slots a shard may claim from empty before claims fail with a clear error (probe chains must end). */
    static final long MAX_USED_SLOTS_PER_SHARD = StoreConfig.MAX_USED_SLOTS_PER_SHARD;

    static final long META_OFFSET = 0;
    static final long KEY_OFFSET = 8;
    static final long PAYLOAD_OFFSET = 16;
    /** Value bytes stored in the slot. */
    static final int INLINE_BYTES = StoreConfig.INLINE_BYTES;

    static final long LOCK = 1L;
    static final int STATE_SHIFT = 1;
    static final long STATE_MASK = 3L << STATE_SHIFT;
    static final int EMPTY = 0;
    static final int LIVE = 1;
    static final int TOMBSTONE = 2;
    static final int LENGTH_SHIFT = 3;
    static final long LENGTH_MASK = (1L << 21) - 1;
    static final int VERSION_SHIFT = 24;

    /** Seed of the key hash: the golden ratio's bits, so key 0 does not hash to 0. */
    static final long HASH_SEED = 0x9E37_79B9_7F4A_7C15L;

    /** Aligned 8-byte access to version words; the var handle takes (segment, offset). */
    static final VarHandle META = ValueLayout.JAVA_LONG.varHandle();
    /** The little-endian 8-byte layout of keys on the wire and of the add-u64 counter. */
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SlotLayout() {
    }

    static int stateOf(final long meta) {
        return (int) ((meta & STATE_MASK) >>> STATE_SHIFT);
    }

    static int lengthOf(final long meta) {
        return (int) ((meta >>> LENGTH_SHIFT) & LENGTH_MASK);
    }

    static long versionOf(final long meta) {
        return meta >>> VERSION_SHIFT;
    }

    /**
     * EMPTY and unlocked: the end of every probe chain through this slot. An EMPTY word is 0 until a purged tombstone
     * or a lifted purge fence leaves a version in it, so a claim that loaded the word before then fails its CAS.
     */
    static boolean isEmpty(final long meta) {
        return (meta & (STATE_MASK | LOCK)) == 0;
    }

    static boolean isLocked(final long meta) {
        return (meta & LOCK) != 0;
    }

    /** An unlocked version word. */
    static long meta(final long version, final int state, final int length) {
        return version << VERSION_SHIFT | (long) length << LENGTH_SHIFT | (long) state << STATE_SHIFT;
    }

    /** A variable-length key's byte count: its tag's low 16 bits (the high 48 are hash bits). */
    static int keyLengthOf(final long tag) {
        return (int) (tag & 0xFFFF);
    }

    /** murmur3's fmix64 of the key: every key bit reaches every hash bit, so scattered ids spread evenly. */
    static long hash(final long key) {
        long h = key ^ HASH_SEED;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * The key's home slot within its shard. Slot-granular, so keys of one group do not all start probing at its first
     * slot; the groups only keep every slot at a fixed cache-line alignment.
     */
    static long homeSlot(final long hash) {
        if (StoreConfig.POWER_OF_TWO_INDEX) {
            return hash >>> (64 - SLOT_BITS);
        }
        // Lemire's fastrange: maps the top 32 hash bits onto [0, slots) with one multiply.
        return (hash >>> 32) * SLOTS_PER_SHARD >>> 32;
    }

    /** The next slot in probe order. */
    static long nextSlot(final long slot) {
        final long next = slot + 1;
        return next == SLOTS_PER_SHARD ? 0 : next;
    }

    /** Reads a version word with acquire semantics: later loads of the slot see what its writer released. */
    static long metaAcquire(final MemorySegment shard, final long slotOffset) {
        return (long) META.getAcquire(shard, slotOffset);
    }
}
