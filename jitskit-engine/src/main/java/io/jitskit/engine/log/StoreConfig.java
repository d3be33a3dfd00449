package io.jitskit.engine.log;

/**
 * The in-tree default configuration the larger-than-memory components are unit-tested against: a 64 Ki-slot index
 * and a CLOCK read cache with W-TinyLFU admission.
 *
 * <p>Never shipped: the generator writes a class of this name with the same fields, every one a compile-time constant,
 * for each design, and compiles the components against it (see {@code io.jitskit.engine}).
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-log-default";

    /* ---- index ---- */

    /** Index slots, a power of two. */
    static final long INDEX_SLOTS = 65536L;
    /** Slots the index may claim before claims fail (probe chains must end). */
    static final long INDEX_MAX_CLAIMED = 58982L;
    /** Claim stripe locks. */
    static final int STRIPES = 1024;

    /* ---- read cache ---- */

    static final String CACHE_POLICY_NAME = "clock + W-TinyLFU admission";
    static final boolean CACHE_CLOCK = true;
    static final boolean CACHE_TINY_LFU = true;
    /** Sets of the set-associative cache; any count (fastrange). */
    static final int CACHE_SETS = 256;
    static final int CACHE_WAYS = 8;
    /** Bytes per entry: a 32-byte header and the largest cached value, rounded to 8. */
    static final int CACHE_ENTRY_BYTES = 160;
    /** Longs of the count-min sketch (16 four-bit counters each). */
    static final int SKETCH_LONGS = 512;

    private StoreConfig() {
    }
}
