package io.jitskit.observe.jfr;

import io.jitskit.api.MetricNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JVM leading indicators accumulated since {@link JfrIndicators} started. Durations in nanoseconds. Contention
 * figures count only blocking that lasted at least {@code contentionThresholdNanos}; shorter blocking costs too little
 * to matter and too much to record.
 *
 * @param elapsedNanos             time covered
 * @param gcCount                  garbage collections ({@code jdk.GarbageCollection})
 * @param gcPauseCount             stop-the-world pauses ({@code jdk.GCPhasePause}; a concurrent collector makes
 *                                 several short ones per collection)
 * @param gcPauseTotalNanos        their total duration
 * @param gcPauseMaxNanos          the longest
 * @param allocatedBytes           heap bytes allocated by all threads, dead ones included, or -1 when the JVM does
 *                                 not count them
 * @param monitorEnterCount        contended {@code synchronized} entries that blocked past the threshold
 *                                 ({@code jdk.JavaMonitorEnter})
 * @param monitorEnterTotalNanos   their total blocked time
 * @param monitorEnterMaxNanos     the longest
 * @param monitorWaitCount         {@code Object.wait} calls that lasted past the threshold ({@code jdk.JavaMonitorWait})
 * @param monitorWaitTotalNanos    their total time
 * @param parkCount                parks past the threshold ({@code jdk.ThreadPark}: {@code java.util.concurrent}
 *                                 locks, conditions, queues, {@code LockSupport})
 * @param parkTotalNanos           their total time
 * @param parkMaxNanos             the longest
 * @param contentionThresholdNanos the threshold applied to monitor enters, waits and parks
 */
public record Indicators(
    long elapsedNanos,
    long gcCount,
    long gcPauseCount,
    long gcPauseTotalNanos,
    long gcPauseMaxNanos,
    long allocatedBytes,
    long monitorEnterCount,
    long monitorEnterTotalNanos,
    long monitorEnterMaxNanos,
    long monitorWaitCount,
    long monitorWaitTotalNanos,
    long parkCount,
    long parkTotalNanos,
    long parkMaxNanos,
    long contentionThresholdNanos) {

    private static final double NANOS_PER_MILLI = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    /** Heap allocation rate over the covered time, bytes per second; -1 when allocation is not counted. */
    public double allocationBytesPerSecond() {
        if (allocatedBytes < 0 || elapsedNanos <= 0) {
            return -1;
        }
        return allocatedBytes * NANOS_PER_SECOND / elapsedNanos;
    }

    /** Fraction of the covered time spent in GC pauses. */
    public double gcPauseFraction() {
        return elapsedNanos <= 0 ? 0 : (double) gcPauseTotalNanos / elapsedNanos;
    }

    /**
     * The indicators under dotted lower-case names (the convention of the store SPI's metrics), durations in
     * milliseconds, for reports beside throughput.
     */
    public Map<String, Double> toMap() {
        final Map<String, Double> map = new LinkedHashMap<>();
        map.put("jvm.elapsed_ms", elapsedNanos / NANOS_PER_MILLI);
        map.put("gc.count", (double) gcCount);
        map.put("gc.pause.count", (double) gcPauseCount);
        map.put("gc.pause.total_ms", gcPauseTotalNanos / NANOS_PER_MILLI);
        map.put("gc.pause.max_ms", gcPauseMaxNanos / NANOS_PER_MILLI);
        map.put(MetricNames.GC_PAUSE_FRACTION, gcPauseFraction());
        map.put("alloc.bytes", (double) allocatedBytes);
        map.put("alloc.bytes_per_s", allocationBytesPerSecond());
        map.put("lock.monitor_enter.count", (double) monitorEnterCount);
        map.put("lock.monitor_enter.total_ms", monitorEnterTotalNanos / NANOS_PER_MILLI);
        map.put("lock.monitor_enter.max_ms", monitorEnterMaxNanos / NANOS_PER_MILLI);
        map.put("lock.monitor_wait.count", (double) monitorWaitCount);
        map.put("lock.monitor_wait.total_ms", monitorWaitTotalNanos / NANOS_PER_MILLI);
        map.put("lock.park.count", (double) parkCount);
        map.put(MetricNames.LOCK_PARK_TOTAL_MS, parkTotalNanos / NANOS_PER_MILLI);
        map.put("lock.park.max_ms", parkMaxNanos / NANOS_PER_MILLI);
        map.put("lock.threshold_ms", contentionThresholdNanos / NANOS_PER_MILLI);
        return map;
    }
}
