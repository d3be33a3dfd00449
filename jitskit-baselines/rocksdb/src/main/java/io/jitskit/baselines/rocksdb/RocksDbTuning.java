package io.jitskit.baselines.rocksdb;

import io.jitskit.spec.Environment;
import io.jitskit.spec.Spec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RocksDB knobs derived from a spec, following the RocksDB wiki's tuning guide and its point-lookup advice,
 * kept apart from the store so a report can print exactly what was used.
 *
 * <p>Memory: the card's usable bytes are split between the memtables (write_buffer_size x max_write_buffer_number
 * per column family) and one LRU block cache that also holds index and filter blocks
 * (cache_index_and_filter_blocks), so the cache is the only large consumer. Half of the usable bytes stay
 * outside RocksDB for the JVM heap and RocksDB's unaccounted native memory. Reads and compactions use direct I/O
 * (use_direct_reads, use_direct_io_for_flush_and_compaction) so the page cache does not grow past the budget behind
 * the block cache's back; on tmpfs, which has no O_DIRECT, buffered I/O is the only choice.
 */
record RocksDbTuning(
    long writeBufferBytes,
    int maxWriteBuffers,
    long blockCacheBytes,
    int bloomBitsPerKey,
    int backgroundJobs,
    boolean directIo) {

    /** Below this, the memtables and a useful block cache do not fit. */
    static final long MIN_USABLE_BYTES = 32L << 20;

    private static final long MIB = 1L << 20;

    static RocksDbTuning of(final Spec spec) {
        final Environment env = spec.environment();
        final long usable = env.usableBytes();
        // write_buffer_size: the wiki's 64 MiB default, smaller when the budget is small.
        final long writeBuffer = knob("memtable_mib") != null ? Long.parseLong(knob("memtable_mib")) * MIB
            : Math.clamp(usable / 16, 4 * MIB, 64 * MIB);
        final int maxWriteBuffers = 2;
        final long memtables = 2L * writeBuffer * maxWriteBuffers; // data and serials column families, worst case
        final double cacheFraction = knob("block_cache_fraction") != null
            ? Double.parseDouble(knob("block_cache_fraction")) : 0.5;
        final long blockCache = Math.max(8 * MIB, (long) (usable * cacheFraction) - memtables);
        final int bloomBits = knob("bloom_bits") != null ? Integer.parseInt(knob("bloom_bits")) : 10;
        // max_background_jobs: one per core, so flushes and compactions keep up with two writers.
        final int jobs = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new RocksDbTuning(writeBuffer, maxWriteBuffers, blockCache, bloomBits, jobs,
            env.medium() != Environment.Medium.TMPFS);
    }

    /**
     * A runtime knob set by {@code jitskit compare --sweep} as {@code -Djitskit.knob.NAME=VALUE}, or null for the
     * default chosen above.
     */
    static String knob(final String name) {
        return System.getProperty("jitskit.knob." + name);
    }

    Map<String, String> describe() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("block_cache", "LRU " + blockCacheBytes / MIB + " MiB, index and filter blocks cached, L0 pinned");
        m.put("filter_policy", bloomBitsPerKey == 0 ? "none"
            : "bloom " + bloomBitsPerKey + " bits/key, whole-key, memtable bloom too");
        m.put("data_block_index_type", "binary search and hash (point-lookup)");
        m.put("write_buffer_size", writeBufferBytes / MIB + " MiB x " + maxWriteBuffers);
        m.put("max_background_jobs", Integer.toString(backgroundJobs));
        m.put("compression", "none (values carry real entropy)");
        m.put("direct_io", directIo ? "reads, flush and compaction" : "off (tmpfs)");
        return m;
    }
}
