package io.jitskit.generated.log.golden_log_tiny.dfdf6f73a;

/**
 * jit-log-golden-log-tiny-l70-nc-p64k-s1m-cp: the design's choices as compile-time constants.
 *
 * <p>The engine's components in this package read them; javac inlines them and leaves out the
 * branches they rule out.
 */
final class StoreConfig {

    static final String STORE_NAME = "jit-log-golden-log-tiny-l70-nc-p64k-s1m-cp";

    static final long INDEX_SLOTS = 131072L;
    static final long INDEX_MAX_CLAIMED = 117964L;
    static final int STRIPES = 1024;

    static final String CACHE_POLICY_NAME = "none";
    static final boolean CACHE_CLOCK = false;
    static final boolean CACHE_TINY_LFU = false;
    static final int CACHE_SETS = 1;
    static final int CACHE_WAYS = 8;
    static final int CACHE_ENTRY_BYTES = 48;
    static final int SKETCH_LONGS = 16;

    private StoreConfig() {
    }
}
