package io.jitskit.generated.golden_mem_hybrid.d58b6fcb5;

/**
 * jit-golden-mem-hybrid-s32-fr-l70-h4-cs-hp: the design's choices as compile-time constants.
 *
 * <p>The engine's components (every other class of this package but the store, its sessions and its
 * provider) read them; javac inlines them and leaves out the branches they rule out.
 *
 * <p>Design:
 *   values <= 16 B inline, larger in 1 slab class
 *   32-B slots x 2 per 64-B group
 *   3,216 slots (fastrange, load 0.70 at 2,250 keys, huge pages)
 *   4 shards
 *   512 claim stripes
 *   checkpoint quiesce-shadow
 *   est 32.3 MiB of 819.2 MiB usable
 *
 * <pre>
 * slot (32 bytes, 8-aligned; 2 slots = one 64-byte group, 64-aligned)
 *  0                   8                   16                                  32
 *  +-------------------+-------------------+-------------------------------------+
 *  |   version word    |  key (full 8 B)   |  payload (16 B)                     |
 *  +-------------------+-------------------+-------------------------------------+
 *  payload: the value when its length <= 16, else bytes 16..23 hold its slab reference
 * </pre>
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-golden-mem-hybrid-s32-fr-l70-h4-cs-hp";

    static final boolean ALL_INLINE = false;
    static final boolean SOME_INLINE = true;
    static final boolean SLAB = true;
    static final boolean VARIABLE_KEYS = false;

    static final int SLOT_BYTES = 32;
    static final int SLOTS_PER_GROUP = 2;
    static final int GROUP_BYTES = 64;
    static final long GROUPS_PER_SHARD = 402L;
    static final boolean POWER_OF_TWO_INDEX = false;
    static final int SLOT_BITS = 0;
    static final int SHARDS = 4;
    static final boolean SHARDED = true;
    static final long MAX_USED_SLOTS_PER_SHARD = 683L;
    static final int INLINE_BYTES = 16;
    static final boolean HUGE_PAGES = true;

    static final int SLAB_PAGE_SHIFT = 24;
    static final long SLAB_TLAB_BYTES = 262144L;
    static final int SLAB_CLASSES = 1;
    static final boolean SLAB_CLASSES_GEOMETRIC = false;
    static final boolean SLAB_CLASSES_LINEAR = false;
    static final int SLAB_CLASS_BASE = 0;
    static final int SLAB_GRANULE_SHIFT = 0;
    static final int SLAB_EXACT_FIRST_SIZE = 120;

    /** Chunk bytes per class; a fresh array per call, so no caller can change another's table. */
    static int[] slabChunkBytes() {
        return new int[] {120};
    }

    static final boolean RMW = true;
    static final boolean DELETE = true;
    static final boolean INSERT = true;
    static final boolean DURABLE = true;
    static final boolean SHADOW_CHECKPOINT = true;
    static final boolean COMMIT_LOG = false;
    static final boolean QUIESCE = true;
    static final int LOG_RING_BYTES = 0;

    private StoreConfig() {
    }
}
