package io.jitskit.engine.memory;

/**
 * The in-tree default configuration the components are unit-tested against: a hybrid design (values up to 40 bytes
 * inline, larger ones in geometric slab classes), fixed 8-byte keys, a power-of-two index in two shards, commit
 * durability with per-session logs.
 *
 * <p>It is never shipped: the generator writes a class of this name with the same fields, every one a compile-time
 * constant, for each design, and compiles the components against it (see {@code io.jitskit.engine}). javac inlines
 * the constants and drops the branches they rule out, so a store carries only its own paths.
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-default";

    /* ---- values: where they live ---- */

    /** Every allowed value size fits in the slot. */
    static final boolean ALL_INLINE = false;
    /** Some sizes fit in the slot, the others go to the slab. */
    static final boolean SOME_INLINE = true;
    /** Some value lives in the slab: {@code !ALL_INLINE}. */
    static final boolean SLAB = true;
    /** Keys are variable-length byte strings: the slot keeps a tag, the key bytes lead the value's chunk. */
    static final boolean VARIABLE_KEYS = false;

    /* ---- index ---- */

    static final int SLOT_BYTES = 64;
    static final int SLOTS_PER_GROUP = 1;
    static final int GROUP_BYTES = 64;
    static final long GROUPS_PER_SHARD = 4096L;
    /** Home slots are the hash's top bits (a power-of-two slot count), else fastrange over any count. */
    static final boolean POWER_OF_TWO_INDEX = true;
    /** log2 of the slots per shard; meaningful with {@link #POWER_OF_TWO_INDEX}. */
    static final int SLOT_BITS = 12;
    static final int SHARDS = 2;
    static final boolean SHARDED = true;
    static final long MAX_USED_SLOTS_PER_SHARD = 3686L;
    static final int INLINE_BYTES = 40;
    static final boolean HUGE_PAGES = false;

    /* ---- value slab ---- */

    /** log2 of a slab page's bytes. */
    static final int SLAB_PAGE_SHIFT = 20;
    /** Bytes a session carves from a page at a time. */
    static final long SLAB_TLAB_BYTES = 65536L;
    /** Number of size classes. */
    static final int SLAB_CLASSES = 4;
    /** Classes are two per power of two from 2^{@link #SLAB_CLASS_BASE}. */
    static final boolean SLAB_CLASSES_GEOMETRIC = true;
    /** Classes are {@code 1 << SLAB_GRANULE_SHIFT} bytes wide above {@link #SLAB_CLASS_BASE}. */
    static final boolean SLAB_CLASSES_LINEAR = false;
    /** Linear: sizes above it go to the slab; geometric: the exponent of class 0. */
    static final int SLAB_CLASS_BASE = 5;
    static final int SLAB_GRANULE_SHIFT = 0;
    /** Exact classes: the size class 0 holds (a second class, if any, holds the other size). */
    static final int SLAB_EXACT_FIRST_SIZE = 0;

    /** Chunk bytes per class, multiples of 8; a fresh array per call, so no store can change another's table. */
    static int[] slabChunkBytes() {
        return new int[] {48, 64, 96, 128};
    }

    /* ---- operations and durability ---- */

    static final boolean RMW = true;
    static final boolean DELETE = true;
    static final boolean INSERT = true;
    /** Checkpoints (or commit logs with checkpoints) persist the store. */
    static final boolean DURABLE = true;
    /** Checkpoints copy the table to a shadow inside the pause and write it after. */
    static final boolean SHADOW_CHECKPOINT = false;
    /** Every operation is logged per session and group-committed. */
    static final boolean COMMIT_LOG = true;
    /** Sessions stop at operation boundaries for checkpoints or compactions. */
    static final boolean QUIESCE = true;
    /** Bytes of one session's commit-log ring, a power of two. */
    static final int LOG_RING_BYTES = 1 << 16;

    private StoreConfig() {
    }
}
