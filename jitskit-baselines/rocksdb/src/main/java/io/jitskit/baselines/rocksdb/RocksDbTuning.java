package io.jitskit.baselines.rocksdb;

import io.jitskit.baselines.common.SpecBounds;
import io.jitskit.spec.Environment;
import io.jitskit.spec.Spec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RocksDB knobs derived from a spec, following the RocksDB wiki's tuning guide and its point-lookup advice,
 * kept apart from the store so a report can print exactly what was used.
 *
 * <p>Memory: the card's usable bytes are split between the memtables (write_buffer_size x max_write_buffer_number
 * per column family), one LRU block cache that also holds index and filter blocks (cache_index_and_filter_blocks),
 * and, when the data fits, the page cache. Two regimes, chosen from the card's key count and sizes:
 * <ul>
 *   <li><b>resident</b>: the SST files (estimated with compaction's transient copies) fit beside the memtables, so
 *       I/O is buffered and the files stay in the page cache, which the budget charges. A read that misses the
 *       block cache costs a pread served from memory, not a disk seek, so the store is warm right after the load
 *       (direct I/O would leave a cold block cache that a short run never fills). The block cache gets what is left
 *       of the usable bytes, up to the data's size.</li>
 *   <li><b>larger than memory</b>: reads, flushes and compactions use direct I/O (use_direct_reads,
 *       use_direct_io_for_flush_and_compaction) so the page cache does not grow past the budget behind the block
 *       cache's back, and the block cache takes half the usable bytes; the other half stays with the JVM and
 *       RocksDB's unaccounted native memory. On tmpfs, which has no O_DIRECT, I/O is always buffered.</li>
 * </ul>
 * {@code estimatedSstBytes} is the data's estimated file size when the files are meant to stay in the page cache,
 * and 0 otherwise.
 */
record RocksDbTuning(
    long writeBufferBytes,
    int maxWriteBuffers,
    long blockCacheBytes,
    int bloomBitsPerKey,
    int backgroundJobs,
    boolean directIo,
    long estimatedSstBytes) {

    /** Below this, the memtables and a useful block cache do not fit. */
    static final long MIN_USABLE_BYTES = 32L << 20;

    private static final long MIB = 1L << 20;
    /** Per entry in an SST beyond key and value: internal key trailer (8), varint lengths, restarts, hash index. */
    private static final int SST_ENTRY_OVERHEAD = 16;
    /** Leveled compaction writes its outputs before it deletes its inputs: files briefly exceed the live data. */
    private static final double COMPACTION_SPACE_FACTOR = 1.5;
    /** What the JVM and RocksDB's native allocations outside the cache and memtables take. */
    private static final long RESERVE_BYTES = 256 * MIB;

    static RocksDbTuning of(final Spec spec) {
        final Environment env = spec.environment();
        final long usable = env.usableBytes();
        // write_buffer_size: the wiki's 64 MiB default, smaller when the budget is small.
        final long writeBuffer = knob("memtable_mib") != null ? Long.parseLong(knob("memtable_mib")) * MIB
            : Math.clamp(usable / 16, 4 * MIB, 64 * MIB);
        final int maxWriteBuffers = 2;
        final long memtables = 2L * writeBuffer * maxWriteBuffers; // data and serials column families, worst case
        final int bloomBits = knob("bloom_bits") != null ? Integer.parseInt(knob("bloom_bits")) : 10;
        final SpecBounds bounds = new SpecBounds(spec);
        // Unknown (0) for trace cards without a key count: treated as larger than memory.
        final long sst = (long) (bounds.keyCount() * (bounds.maxKeyBytes() + bounds.meanValueBytes()
            + SST_ENTRY_OVERHEAD + bloomBits / 8.0));
        final long residentLeft = usable - (long) (sst * COMPACTION_SPACE_FACTOR) - memtables - RESERVE_BYTES;
        final boolean fits = sst > 0 && residentLeft >= 8 * MIB;
        final boolean directIo = env.medium() != Environment.Medium.TMPFS
            && (knob("direct_io") != null ? Boolean.parseBoolean(knob("direct_io")) : !fits);
        final long blockCache;
        if (knob("block_cache_fraction") != null) {
            blockCache = Math.max(8 * MIB, (long) (usable * Double.parseDouble(knob("block_cache_fraction")))
                - memtables);
        } else if (!directIo && fits) {
            blockCache = Math.max(8 * MIB, Math.min(sst, residentLeft));
        } else {
            blockCache = Math.max(8 * MIB, usable / 2 - memtables);
        }
        // max_background_jobs: one per core, so flushes and compactions keep up with two writers.
        final int jobs = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new RocksDbTuning(writeBuffer, maxWriteBuffers, blockCache, bloomBits, jobs, directIo,
            directIo || !fits ? 0 : sst);
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
        m.put("direct_io", directIo ? "reads, flush and compaction (data larger than memory)"
            : estimatedSstBytes > 0 ? "off: buffered, SST files (est. " + estimatedSstBytes / MIB
                + " MiB) in the page cache" : "off (tmpfs has no O_DIRECT)");
        return m;
    }
}
