package io.jitskit.harness.driver;

import java.time.Duration;

/**
 * Decides when a warm-up has reached steady state: the operations completed in each of the last {@code windows}
 * windows lie within {@code tolerance} of each other (max over min), after at least {@code minTime}. Not
 * thread-safe; the driver's thread feeds it.
 */
final class SteadyState {

    static final Duration WINDOW = Duration.ofMillis(250);
    /** Four windows: one steady second. */
    static final int WINDOWS = 4;
    static final double TOLERANCE = 0.03;
    static final Duration MIN_TIME = Duration.ofSeconds(1);

    private final long windowNanos;
    private final long[] recent;
    private final double tolerance;
    private final long minWindows;
    private long seen;

    SteadyState(final Duration window, final int windows, final double tolerance, final Duration minTime) {
        if (windows < 2) {
            throw new IllegalArgumentException("steady state needs at least two windows, had " + windows);
        }
        this.windowNanos = window.toNanos();
        this.recent = new long[windows];
        this.tolerance = tolerance;
        this.minWindows = Math.max(windows, (minTime.toNanos() + windowNanos - 1) / windowNanos);
    }

    long windowNanos() {
        return windowNanos;
    }

    /** Adds one window's completed operations; true once the run is steady. */
    boolean add(final long operations) {
        recent[(int) (seen++ % recent.length)] = operations;
        if (seen < minWindows) {
            return false;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (final long r : recent) {
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return min > 0 && max <= min * (1 + tolerance);
    }

    /** Windows fed so far. */
    long windows() {
        return seen;
    }
}
