package io.jitskit.generated.golden_mem_commit.d70530043;

/**
 * jit-golden-mem-commit-s80-p2-l55-h1-cw-lg: the design's choices as compile-time constants.
 *
 * <p>The engine's components (every other class of this package but the store, its sessions and its
 * provider) read them; javac inlines them and leaves out the branches they rule out.
 *
 * <p>Design:
 *   all values inline (64 B)
 *   80-B slots x 4 per 320-B group
 *   4,096 slots (power of two, load 0.55 at 2,250 keys)
 *   1 shard
 *   512 claim stripes
 *   checkpoint quiesce-write + session logs
 *   est 8.4 MiB of 819.2 MiB usable
 *
 * <pre>
 * slot (80 bytes, 8-aligned; 4 slots = one 320-byte group, 64-aligned)
 *  0                   8                   16                                  80
 *  +-------------------+-------------------+-------------------------------------+
 *  |   version word    |  key (full 8 B)   |  payload (64 B)                     |
 *  +-------------------+-------------------+-------------------------------------+
 *  payload: the value itself (every allowed size fits)
 * </pre>
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-golden-mem-commit-s80-p2-l55-h1-cw-lg";

    static final boolean ALL_INLINE = true;
    static final boolean SOME_INLINE = true;
    static final boolean SLAB = false;
    static final boolean VARIABLE_KEYS = false;

    static final int SLOT_BYTES = 80;
    static final int SLOTS_PER_GROUP = 4;
    static final int GROUP_BYTES = 320;
    static final long GROUPS_PER_SHARD = 1024L;
    static final boolean POWER_OF_TWO_INDEX = true;
    static final int SLOT_BITS = 12;
    static final int SHARDS = 1;
    static final boolean SHARDED = false;
    static final long MAX_USED_SLOTS_PER_SHARD = 3481L;
    static final int INLINE_BYTES = 64;
    static final boolean HUGE_PAGES = false;

    static final int SLAB_PAGE_SHIFT = 0;
    static final long SLAB_TLAB_BYTES = 0L;
    static final int SLAB_CLASSES = 0;
    static final boolean SLAB_CLASSES_GEOMETRIC = false;
    static final boolean SLAB_CLASSES_LINEAR = false;
    static final int SLAB_CLASS_BASE = 0;
    static final int SLAB_GRANULE_SHIFT = 0;
    static final int SLAB_EXACT_FIRST_SIZE = 0;

    /** Chunk bytes per class; a fresh array per call, so no caller can change another's table. */
    static int[] slabChunkBytes() {
        return new int[] {};
    }

    static final boolean RMW = true;
    static final boolean DELETE = true;
    static final boolean INSERT = true;
    static final boolean DURABLE = true;
    static final boolean SHADOW_CHECKPOINT = false;
    static final boolean COMMIT_LOG = true;
    static final boolean QUIESCE = true;
    static final int LOG_RING_BYTES = 4194304;

    private StoreConfig() {
    }
}
