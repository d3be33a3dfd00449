package io.jitskit.api;

/**
 * The names of the figures that code reads by name: a store's {@link StoreMetrics} and the indicators the harness
 * measures around a run. Writers and readers both use these constants, so a renamed metric breaks the build instead of
 * silently blinding the synthesis loop's critic. Names are dotted lower case; durations in milliseconds. A store or the
 * harness may export any other figure under a name of its own: reports show every figure as it comes, and only what
 * code reads by name is listed here.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /* ---------------------------------------------------------------- store metrics */

    /** Live keys; {@code jitskit serve} answers {@code DBSIZE} with it, so a store without it has no key count. */
    public static final String KEYS = "keys";

    /** Live keys over index slots. */
    public static final String INDEX_LOAD_FACTOR = "index.load_factor";

    /** Slots an index lookup visits, on average. */
    public static final String INDEX_PROBE_LENGTH_MEAN = "index.probe_length.mean";

    /** The longest probe an index lookup made. */
    public static final String INDEX_PROBE_LENGTH_MAX = "index.probe_length.max";

    /** Reads that retried because a writer held the slot's seqlock. */
    public static final String SEQLOCK_READ_RETRIES = "seqlock.read_retries";

    /** Read-cache hits over lookups. */
    public static final String CACHE_HIT_RATIO = "cache.hit_ratio";

    /** Entries the read cache evicted. */
    public static final String CACHE_EVICTIONS = "cache.evictions";

    /** The longest time a checkpoint held writers, as the store accounts for it. */
    public static final String CHECKPOINT_PAUSE_MAX_MS = "checkpoint.pause_ms.max";

    /** Time sessions waited, summed, for compaction to bring the disk under its bound. */
    public static final String WAIT_DISK_MS = "wait.disk_ms";

    /** Time sessions stood aside, summed, for checkpoints and index compactions. */
    public static final String WAIT_QUIESCE_MS = "wait.quiesce_ms";

    /** The longest checkpoint pause {@code metrics} report; NaN when the store reports none. */
    public static double checkpointPauseMaxMs(final java.util.Map<String, Double> metrics) {
        return metrics.getOrDefault(CHECKPOINT_PAUSE_MAX_MS, Double.NaN);
    }

    /* ---------------------------------------------------------------- gate measurements */

    /**
     * The longest any writer waited between two of its operations while a checkpoint ran, as the gate's
     * checkpoint-under-writes probe measures it from the writers' side (what a card's {@code max-writer-pause}
     * bounds); a store's own {@link #CHECKPOINT_PAUSE_MAX_MS} counts only what it knows it held.
     */
    public static final String CHECKPOINT_WRITER_PAUSE_MAX_MS = "checkpoint.writer_pause_ms.max";

    /* ---------------------------------------------------------------- harness indicators */

    /** Worker CPU time over the run phase's wall time times the threads (0 to 1). */
    public static final String CPU_WORKER_UTILIZATION = "cpu.worker_utilization";

    /** Time workers spent parked (JFR {@code jdk.ThreadPark}). */
    public static final String LOCK_PARK_TOTAL_MS = "lock.park.total_ms";

    /** read(2)-family calls of the process during the run phase ({@code /proc/self/io} {@code syscr}). */
    public static final String IO_READ_CALLS = "io.read_calls";

    /** GC pause time over the recording's time. */
    public static final String GC_PAUSE_FRACTION = "gc.pause.fraction";

    /** The share of the machine's CPU other processes took during the run phase (0 to 1). */
    public static final String MACHINE_OTHERS_CPU_SHARE = "machine.others_cpu_share";

    /** The warm-up phase's wall time. */
    public static final String HARNESS_WARMUP_MS = "harness.warmup_ms";

    /** Operations the warm-up phase issued. */
    public static final String HARNESS_WARMUP_OPS = "harness.warmup_ops";

    /** Reads of the run phase checked against the freshness ledger. */
    public static final String FRESHNESS_CHECKED_READS = "freshness.checked_reads";

    /** Sampled keys read back after the run on the same store. */
    public static final String FRESHNESS_RETENTION_KEYS = "freshness.retention_keys";

    /** Sampled keys read back after a checkpoint, a close and a reopen. */
    public static final String FRESHNESS_REOPEN_KEYS = "freshness.reopen_keys";
}
