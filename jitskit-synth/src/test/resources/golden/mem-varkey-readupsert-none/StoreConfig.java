package io.jitskit.generated.golden_mem_varkey.d60bfcfdf;

/**
 * jit-golden-mem-varkey-s24-p2-l55-h1-cn-vk: the design's choices as compile-time constants.
 *
 * <p>The engine's components (every other class of this package but the store, its sessions and its
 * provider) read them; javac inlines them and leaves out the branches they rule out.
 *
 * <p>Design:
 *   key tags in slots, keys and values in 14 slab classes
 *   24-B slots x 8 per 192-B group
 *   4,096 slots (power of two, load 0.55 at 2,250 keys)
 *   1 shard
 *   512 claim stripes
 *   checkpoint none
 *   est 16.2 MiB of 819.2 MiB usable
 *
 * <pre>
 * slot (24 bytes, 8-aligned; 8 slots = one 192-byte group, 64-aligned)
 *  0                   8                   16                                  24
 *  +-------------------+-------------------+-------------------------------------+
 *  |   version word    |  key tag (8 B)    |  payload (8 B)                      |
 *  +-------------------+-------------------+-------------------------------------+
 *  key tag: 48 bits of a hash of the key over its 16-bit length; a match is confirmed on the key bytes
 *  payload: bytes 16..23 hold the slab reference of a chunk with the key's bytes followed by the value's
 * </pre>
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-golden-mem-varkey-s24-p2-l55-h1-cn-vk";

    static final boolean ALL_INLINE = false;
    static final boolean SOME_INLINE = false;
    static final boolean SLAB = true;
    static final boolean VARIABLE_KEYS = true;

    static final int SLOT_BYTES = 24;
    static final int SLOTS_PER_GROUP = 8;
    static final int GROUP_BYTES = 192;
    static final long GROUPS_PER_SHARD = 512L;
    static final boolean POWER_OF_TWO_INDEX = true;
    static final int SLOT_BITS = 12;
    static final int SHARDS = 1;
    static final boolean SHARDED = false;
    static final long MAX_USED_SLOTS_PER_SHARD = 3932L;
    static final int INLINE_BYTES = 8;
    static final boolean HUGE_PAGES = false;

    static final int SLAB_PAGE_SHIFT = 24;
    static final long SLAB_TLAB_BYTES = 262144L;
    static final int SLAB_CLASSES = 14;
    static final boolean SLAB_CLASSES_GEOMETRIC = false;
    static final boolean SLAB_CLASSES_LINEAR = true;
    static final int SLAB_CLASS_BASE = 15;
    static final int SLAB_GRANULE_SHIFT = 3;
    static final int SLAB_EXACT_FIRST_SIZE = 0;

    /** Chunk bytes per class; a fresh array per call, so no caller can change another's table. */
    static int[] slabChunkBytes() {
        return new int[] {24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128};
    }

    static final boolean RMW = false;
    static final boolean DELETE = false;
    static final boolean INSERT = false;
    static final boolean DURABLE = false;
    static final boolean SHADOW_CHECKPOINT = false;
    static final boolean COMMIT_LOG = false;
    static final boolean QUIESCE = false;
    static final int LOG_RING_BYTES = 0;

    private StoreConfig() {
    }
}
