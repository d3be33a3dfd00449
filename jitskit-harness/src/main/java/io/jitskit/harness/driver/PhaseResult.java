package io.jitskit.harness.driver;

import java.util.List;
import java.util.Map;

/**
 * What one phase (load or run) measured.
 *
 * @param phase            "load" or "run"
 * @param operations       operations completed over all workers
 * @param elapsedNanos     wall time from the common start to the last worker's end
 * @param operationsByType per operation name, completed count
 * @param latency          per operation name, sampled latency percentiles
 * @param perSecond        completed operations in each whole second of the phase
 * @param verifiedReads    reads whose bytes the harness regenerated and matched
 * @param readMisses       reads that found no value
 * @param generationNanos  time workers spent generating ops (summed over workers), inside the timed window
 * @param workerCpuNanos   CPU time of each worker thread during the phase
 * @param failure          the first correctness failure or error, or null
 * @param footprint        the distinct keys the run phase touched, or null (load phases, time order)
 */
public record PhaseResult(
    String phase,
    long operations,
    long elapsedNanos,
    Map<String, Long> operationsByType,
    Map<String, LatencySummary> latency,
    List<Long> perSecond,
    long verifiedReads,
    long readMisses,
    long generationNanos,
    List<Long> workerCpuNanos,
    String failure,
    Footprint footprint) {

    /**
     * The keys a run phase named.
     *
     * @param distinctKeys         distinct loaded keys touched (estimated from every {@code stride}-th id)
     * @param expectedDistinctKeys what an i.i.d. stream of the card's distribution touches in {@code draws} choices;
     *                             null where there is no such expectation (latest, traces)
     * @param draws                operations that chose a key from the distribution (all but fresh inserts)
     * @param stride               1 when every id was tracked
     */
    public record Footprint(long distinctKeys, Double expectedDistinctKeys, long draws, long stride) {

        /** Touched over expected, 1 for a faithful stream; NaN without an expectation. */
        public double ratio() {
            return expectedDistinctKeys == null || expectedDistinctKeys == 0 ? Double.NaN
                : distinctKeys / expectedDistinctKeys;
        }
    }

    /** Millions of operations per second. */
    public double mops() {
        return elapsedNanos == 0 ? 0 : operations * 1e3 / elapsedNanos;
    }

    /** Share of the workers' time spent generating operations rather than calling the store. */
    public double generationShare(final int threads) {
        return elapsedNanos == 0 ? 0 : generationNanos / ((double) elapsedNanos * threads);
    }

    public boolean ok() {
        return failure == null;
    }
}
