package io.jitskit.engine.log;

/**
 * The in-tree default configuration the larger-than-memory components are unit-tested against: a 64 Ki-slot index,
 * a CLOCK read cache with W-TinyLFU admission, values of 8..128 bytes, every operation, checkpoints, and logs small
 * enough (16 KiB pages, 64 KiB segments, 64 KiB tails) that a test writes through many segments in a few MiB.
 *
 * <p>Never shipped: the generator writes a class of this name with the same fields, every one a compile-time constant,
 * for each design, and compiles the components against it (see {@code io.jitskit.engine}).
 */
final class StoreConfig {

    /** The store's name, for thread names and messages. */
    static final String STORE_NAME = "jit-log-default";
    /** The spec the store was generated for, for messages. */
    static final String SPEC_NAME = "default";
    /** The design in one line ({@code LogDesign.describe()}), for the store's info and description. */
    static final String DESIGN = "the in-tree default of jitskit-engine's log components";

    /* ---- card ---- */

    /** The card's operations as text, for messages. */
    static final String OPERATIONS = "[read, upsert, rmw, delete, insert]";
    static final boolean SUPPORTS_UPSERT = true;
    static final boolean SUPPORTS_RMW = true;
    static final boolean SUPPORTS_DELETE = true;
    static final boolean SUPPORTS_INSERT = true;
    /** The card's value sizes as text ({@code SourceText.sizes}), for messages. */
    static final String VALUE_SIZES_TEXT = "uniform 8..128 B";
    /** The allowed sizes as the value-size error prints them. */
    static final String VALUE_SIZES_ALLOWED_TEXT = "(8..128 bytes)";
    /**
     * Allowed value sizes: with {@code VALUE_SIZES_RANGE} every size in [VALUE_SIZE_MIN, VALUE_SIZE_MAX], otherwise
     * exactly one of the two (equal for a fixed size; the small and large size of a bimodal card).
     */
    static final boolean VALUE_SIZES_RANGE = true;
    static final int VALUE_SIZE_MIN = 8;
    static final int VALUE_SIZE_MAX = 128;
    /** Weight of the small size of a bimodal card, else 0: the provider rebuilds the distribution from these. */
    static final double VALUE_SMALL_WEIGHT = 0.0;
    /** Durability checkpoint (CPR) when true, none otherwise. */
    static final boolean DURABLE = true;
    /** Keys the index was sized for. */
    static final long KEY_CAPACITY = 40000L;

    /* ---- logs ---- */

    /** Session slots; log id MAX_SESSIONS is the compactor's. */
    static final int MAX_SESSIONS = 8;
    /** Sessions [0, MAIN_RING_SESSIONS) get the full ring (the card's worker threads); others a small one. */
    static final int MAIN_RING_SESSIONS = 2;
    static final long MAIN_RING_BYTES = 65536L;
    static final long SMALL_RING_BYTES = 32768L;
    /** The flush unit; a record never crosses a page. */
    static final int PAGE_BYTES = 16384;
    /** A segment file's size, a power of two and a multiple of the page. */
    static final long SEGMENT_BYTES = 65536L;
    /** Values up to this size live in the meta word (0: inlining is off). */
    static final int INLINE_MAX = 0;

    /* ---- space ---- */

    /** A sealed segment whose live fraction falls below this is compacted. */
    static final double COMPACT_LIVE_FRACTION = 0.5;
    /** Disk allowed beyond live / COMPACT_LIVE_FRACTION before writers wait for the compactor. */
    static final long DISK_SLACK_BYTES = 1048576L;
    /** Index + rings + cache + buffers, as planned: the store's own memory. */
    static final long PLANNED_BYTES = 2097152L;
    /** What the JVM itself keeps resident (heap, code, metaspace), reserved out of the usable budget. */
    static final long JVM_ALLOWANCE_BYTES = 100663296L;

    /* ---- index ---- */

    /** Index slots, a power of two. */
    static final long INDEX_SLOTS = 65536L;
    /** Slots the index may claim before claims fail (probe chains must end). */
    static final long INDEX_MAX_CLAIMED = 58982L;
    /** Claim stripe locks. */
    static final int STRIPES = 1024;

    /* ---- read cache ---- */

    /** Whether reads that miss the rings go through the read cache. */
    static final boolean CACHED = true;
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
