package io.jitskit.harness.driver;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one operation type, in nanoseconds, from a sampled histogram.
 *
 * @param samples how many operations were timed
 */
public record LatencySummary(long samples, double mean, long p50, long p90, long p99, long p999, long max) {

    static LatencySummary of(final Histogram h) {
        return new LatencySummary(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
            h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
