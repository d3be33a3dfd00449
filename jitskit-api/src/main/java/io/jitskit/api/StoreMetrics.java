package io.jitskit.api;

import java.util.Map;

/**
 * Counters a store exports: hit ratio, evictions, probe lengths, bytes logged and read. Read outside the timed path;
 * names are dotted lower case ({@code cache.hit_ratio}, {@code log.bytes_written}).
 */
@FunctionalInterface
public interface StoreMetrics {

    /** A consistent-enough snapshot of every metric. */
    Map<String, Double> snapshot();
}
