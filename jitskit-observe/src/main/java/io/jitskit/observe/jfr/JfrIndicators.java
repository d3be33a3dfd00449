package io.jitskit.observe.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Accumulates the JVM's leading indicators while a store runs in this process: a JFR {@link RecordingStream} for GC
 * pauses, contended monitors, waits and parks, and the JVM's allocation counter for allocated bytes.
 *
 * <h2>Events and overhead</h2>
 * <ul>
 *   <li>{@code jdk.GarbageCollection}, {@code jdk.GCPhasePause}: one or a few per collection, no threshold.</li>
 *   <li>{@code jdk.JavaMonitorEnter}, {@code jdk.JavaMonitorWait}, {@code jdk.ThreadPark}: only when the thread
 *       blocked at least the contention threshold ({@link #DEFAULT_CONTENTION_THRESHOLD}, far below JFR's default
 *       20 ms so that the short blocking typical of a contended store shows). A thread then writes at most one event
 *       per threshold of blocked time, and the event (about a microsecond, no stack trace) costs a small fraction of
 *       the time it was blocked anyway.</li>
 *   <li>Allocation comes from {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}: exact, free,
 *       and counting threads that have ended, where the JFR allocation events are samples
 *       ({@code jdk.ObjectAllocationSample}) or periodic per live thread ({@code jdk.ThreadAllocationStatistics}).</li>
 * </ul>
 * JFR delivers events to the stream about once a second, so {@link #snapshot()} during a run lags by up to that much;
 * {@link #stop()} drains every event first and is exact.
 *
 * <h2>Threads</h2>
 * Idle pool threads park and wait too. A thread filter (on Java thread names) keeps the contention figures to the
 * threads that matter, typically the workers; GC figures are process-wide whatever the filter. Events are handled on
 * JFR's stream thread; counters are guarded by this object's monitor (taken once per event and once per snapshot,
 * both rare), so a snapshot is consistent.
 */
public final class JfrIndicators implements AutoCloseable {

    /** Blocking shorter than this is not recorded: 100 µs. */
    public static final Duration DEFAULT_CONTENTION_THRESHOLD = Duration.ofNanos(100_000);

    /** How long JFR keeps consumed chunks on disk: the stream reads them within seconds. */
    private static final Duration MAX_AGE = Duration.ofMinutes(2);

    private final RecordingStream stream;
    private final Predicate<String> threadFilter;
    private final long thresholdNanos;
    private final long startNanos;
    private final long startAllocatedBytes;

    // Guarded by this.
    private long stopNanos = -1;
    private long stopAllocatedBytes;
    private long gcCount;
    private long gcPauseCount;
    private long gcPauseTotalNanos;
    private long gcPauseMaxNanos;
    private long monitorEnterCount;
    private long monitorEnterTotalNanos;
    private long monitorEnterMaxNanos;
    private long monitorWaitCount;
    private long monitorWaitTotalNanos;
    private long parkCount;
    private long parkTotalNanos;
    private long parkMaxNanos;

    private JfrIndicators(final Duration contentionThreshold, final Predicate<String> threadFilter) {
        this.threadFilter = Objects.requireNonNull(threadFilter, "threadFilter");
        if (contentionThreshold.isNegative()) {
            throw new IllegalArgumentException("contention threshold " + contentionThreshold + ": must not be negative");
        }
        this.thresholdNanos = contentionThreshold.toNanos();
        this.stream = new RecordingStream();
        stream.setMaxAge(MAX_AGE);
        stream.enable("jdk.GarbageCollection").withoutStackTrace();
        stream.enable("jdk.GCPhasePause").withoutStackTrace().withThreshold(Duration.ZERO);
        stream.enable("jdk.JavaMonitorEnter").withoutStackTrace().withThreshold(contentionThreshold);
        stream.enable("jdk.JavaMonitorWait").withoutStackTrace().withThreshold(contentionThreshold);
        stream.enable("jdk.ThreadPark").withoutStackTrace().withThreshold(contentionThreshold);
        stream.onEvent("jdk.GarbageCollection", this::onGarbageCollection);
        stream.onEvent("jdk.GCPhasePause", this::onGcPause);
        stream.onEvent("jdk.JavaMonitorEnter", this::onMonitorEnter);
        stream.onEvent("jdk.JavaMonitorWait", this::onMonitorWait);
        stream.onEvent("jdk.ThreadPark", this::onPark);
        this.startAllocatedBytes = allocatedBytes();
        this.startNanos = System.nanoTime();
    }

    /** Starts accumulating, with the default threshold, over every thread. */
    public static JfrIndicators start() {
        return start(DEFAULT_CONTENTION_THRESHOLD, threadName -> true);
    }

    /**
     * Starts accumulating.
     *
     * @param contentionThreshold blocking shorter than this is not recorded
     * @param threadFilter        which threads' monitor enters, waits and parks count, by Java thread name
     */
    public static JfrIndicators start(final Duration contentionThreshold, final Predicate<String> threadFilter) {
        final JfrIndicators indicators = new JfrIndicators(contentionThreshold, threadFilter);
        // Started once construction is complete: starting the stream thread publishes every field to it.
        indicators.stream.startAsync();
        return indicators;
    }

    /** The indicators so far; events of the last second or so may not have arrived yet. */
    public synchronized Indicators snapshot() {
        final boolean stopped = stopNanos >= 0;
        final long elapsed = (stopped ? stopNanos : System.nanoTime()) - startNanos;
        final long allocatedNow = stopped ? stopAllocatedBytes : allocatedBytes();
        final long allocated = allocatedNow < 0 || startAllocatedBytes < 0 ? -1 : allocatedNow - startAllocatedBytes;
        return new Indicators(elapsed, gcCount, gcPauseCount, gcPauseTotalNanos, gcPauseMaxNanos, allocated,
            monitorEnterCount, monitorEnterTotalNanos, monitorEnterMaxNanos, monitorWaitCount, monitorWaitTotalNanos,
            parkCount, parkTotalNanos, parkMaxNanos, thresholdNanos);
    }

    /** Stops the recording after every event recorded so far has been counted, and returns the final indicators. */
    public Indicators stop() {
        final boolean first;
        synchronized (this) {
            first = stopNanos < 0;
            if (first) {
                stopNanos = System.nanoTime();
                stopAllocatedBytes = allocatedBytes();
            }
        }
        if (first) {
            // Outside the monitor: stop() waits for the stream thread, which takes the monitor for each event it
            // drains. Only the first call stops the stream: a recording cannot be stopped twice.
            stream.stop();
            stream.close();
        }
        return snapshot();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private synchronized void onGarbageCollection(final RecordedEvent event) {
        gcCount++;
    }

    private synchronized void onGcPause(final RecordedEvent event) {
        final long nanos = event.getDuration().toNanos();
        gcPauseCount++;
        gcPauseTotalNanos += nanos;
        gcPauseMaxNanos = Math.max(gcPauseMaxNanos, nanos);
    }

    private synchronized void onMonitorEnter(final RecordedEvent event) {
        if (counts(event)) {
            final long nanos = event.getDuration().toNanos();
            monitorEnterCount++;
            monitorEnterTotalNanos += nanos;
            monitorEnterMaxNanos = Math.max(monitorEnterMaxNanos, nanos);
        }
    }

    private synchronized void onMonitorWait(final RecordedEvent event) {
        if (counts(event)) {
            monitorWaitCount++;
            monitorWaitTotalNanos += event.getDuration().toNanos();
        }
    }

    private synchronized void onPark(final RecordedEvent event) {
        if (counts(event)) {
            final long nanos = event.getDuration().toNanos();
            parkCount++;
            parkTotalNanos += nanos;
            parkMaxNanos = Math.max(parkMaxNanos, nanos);
        }
    }

    /** Whether a contention event happened on a thread the filter admits. */
    private boolean counts(final RecordedEvent event) {
        final RecordedThread thread = event.getThread();
        final String name = thread == null ? null : thread.getJavaName();
        return name != null && threadFilter.test(name);
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
            && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getTotalThreadAllocatedBytes();
        }
        return -1;
    }
}
