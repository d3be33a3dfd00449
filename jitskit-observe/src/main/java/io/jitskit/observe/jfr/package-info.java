/**
 * The JVM-side leading indicators of CONTRACTS.md section 7 (GC pauses, allocation, lock contention, parking), read
 * by the process they describe through JFR event streaming and the JVM's own counters.
 *
 * <p>Rules: the store's JVM starts {@link io.jitskit.observe.jfr.JfrIndicators} before the timed phase and reads
 * {@link io.jitskit.observe.jfr.Indicators} after it; the store never sees either. Overhead stays low by
 * construction: no stack traces, and contention events only past a threshold, so an event costs far less than the
 * blocking it reports.
 */
package io.jitskit.observe.jfr;
