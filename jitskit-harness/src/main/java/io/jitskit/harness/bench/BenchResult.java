package io.jitskit.harness.bench;

import io.jitskit.api.MetricNames;
import io.jitskit.harness.driver.PhaseResult;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured. Serialized as JSON with {@link #SCHEMA} so that readers can reject
 * results they do not understand.
 *
 * @param schema       always {@link #SCHEMA}
 * @param spec         the spec's name
 * @param specFile     the spec file
 * @param store        the store, its real durability and configuration
 * @param threads      worker threads
 * @param seed         the hidden seed, revealed after the run so that it can be reproduced
 * @param startedAt    ISO-8601 start time
 * @param load         the load phase, or null
 * @param run          the run phase, or null when the run did not get that far
 * @param memory       the budget and what was charged against it
 * @param indicators   leading indicators (JFR, /proc), by dotted name
 * @param storeMetrics what the store exported after the run
 * @param verdict      {@code ok}, {@code failed} or {@code skipped}
 * @param failure      why it failed or was skipped, one line, or null
 */
public record BenchResult(
    String schema,
    String spec,
    String specFile,
    StoreSummary store,
    int threads,
    long seed,
    String startedAt,
    PhaseResult load,
    PhaseResult run,
    MemorySummary memory,
    Map<String, Double> indicators,
    Map<String, Double> storeMetrics,
    String verdict,
    String failure) {

    public static final String SCHEMA = "jitskit.bench/1";

    /**
     * Above this share of the machine taken by other processes a run measured the neighbours as much as the store:
     * comparisons and rematches run it again (EVALUATOR.md, cause 1).
     */
    public static final double DISTURBED_SHARE = 0.10;

    /** Whether other processes took more than {@link #DISTURBED_SHARE} of the machine while the run phase ran. */
    public boolean disturbed() {
        final Double share = indicators == null ? null : indicators.get(MetricNames.MACHINE_OTHERS_CPU_SHARE);
        return share != null && share > DISTURBED_SHARE;
    }

    public boolean ok() {
        return "ok".equals(verdict);
    }

    /** How long the benchmark kept the store open and busy: load, warm-up and run. */
    public long lifetimeNanos() {
        return (load == null ? 0 : load.elapsedNanos()) + (run == null ? 0 : run.elapsedNanos())
            + (long) (indicator(MetricNames.HARNESS_WARMUP_MS) * 1e6);
    }

    /** How many operations the store served over {@link #lifetimeNanos()}. */
    public long lifetimeOperations() {
        return (load == null ? 0 : load.operations()) + (run == null ? 0 : run.operations())
            + (long) indicator(MetricNames.HARNESS_WARMUP_OPS);
    }

    private double indicator(final String name) {
        return indicators == null ? 0 : indicators.getOrDefault(name, 0.0);
    }

    /** Run-phase throughput in Mops/s, 0 when there is none. */
    public double mops() {
        return run == null ? 0 : run.mops();
    }

    public BenchResult withMemory(final MemorySummary m, final String newVerdict, final String newFailure) {
        return new BenchResult(schema, spec, specFile, store, threads, seed, startedAt, load, run, m, indicators,
            storeMetrics, newVerdict, newFailure);
    }

    /**
     * @param name          registered name
     * @param durability    what it really provides
     * @param configuration its knobs
     */
    public record StoreSummary(String name, String durability, Map<String, String> configuration) { }

    /**
     * @param budgetBytes         the card's memory budget
     * @param peakChargedBytes    the largest sampled charge (anonymous + shared resident memory + resident store
     *                            file pages)
     * @param peakPageCacheBytes  the largest sampled page-cache residency of the store's files
     * @param samples             how many samples were taken
     * @param series              per sample: elapsed ms, charged bytes, page-cache bytes
     * @param violation           the first over-budget sample, described, or null
     */
    public record MemorySummary(long budgetBytes, long peakChargedBytes, long peakPageCacheBytes, long samples,
                                List<List<Long>> series, String violation) {

        public static MemorySummary unmeasured(final long budget) {
            return new MemorySummary(budget, -1, -1, 0, List.of(), null);
        }
    }
}
