/**
 * Trace replay: readers for Twitter's cache traces, libCacheSim's oracleGeneral binary and CSV, and CacheLib's
 * kvcache CSV; a one-time conversion into a compact, memory-mapped binary form; and replay sources over it.
 *
 * <p>Rules: text is parsed once, at conversion, never during a run; a malformed row is an error naming file and
 * line unless the trace card asks to skip such rows, in which case they are counted and reported in
 * {@link io.jitskit.workload.trace.TraceStats}; keys become dense ids in order of first appearance and reach the store
 * only through the run's {@link io.jitskit.workload.KeySpace}, like generated keys. Every mapping of a source
 * operation to a store operation is documented on its reader.
 */
package io.jitskit.workload.trace;
