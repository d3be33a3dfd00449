package io.jitskit.report.compare;

import java.util.List;
import java.util.Map;

/**
 * One row of a comparison: a store configuration over all its runs.
 *
 * <p>Numbers are present only when {@link #status} is {@code ok}, i.e. every run of the configuration passed the
 * harness's checks; a failed or skipped row carries its reason instead.
 *
 * @param label            the configuration, {@code store} or {@code store[knob=value,...]}
 * @param store            the store name or jar
 * @param knobs            knob overrides, empty when none
 * @param category         {@code in-process} or {@code out-of-process} (from the store's configuration entry
 *                         {@code category}; stores that do not say are in-process)
 * @param durability       the durability the store really gave, as it reported it
 * @param configuration    what the store reported of its configuration
 * @param status           {@code ok}, {@code failed} (any run failed) or {@code skipped}
 * @param reason           the first failure or the skip reason, or null when ok
 * @param runsPlanned      runs asked for
 * @param runsOk           runs that passed
 * @param runsFailed       runs that failed
 * @param medianMops       median run-phase Mops/s over the runs, null unless ok
 * @param minMops          slowest run, null unless ok
 * @param maxMops          fastest run, null unless ok
 * @param ci95LowMops      lower bound of the 95% interval of the runs' (geometric) mean, null unless ok with two
 *                         runs or more ({@link io.jitskit.harness.stats.Spread})
 * @param ci95HighMops     its upper bound
 * @param p99Nanos         per operation type, the median over runs of each run's p99 latency in ns
 * @param peakChargedBytes the largest memory charge over all runs, or null when never measured
 * @param budgetBytes      the card's memory budget
 * @param ratioToBestPeer  {@code medianMops} divided by the best median among the other rows that have one;
 *                         null when either side has no number
 * @param configurations   how many configurations of this store were tried (1 without a sweep); this row is the
 *                         best of them
 * @param runs             every run, in execution order
 */
public record StoreAggregate(String label, String store, Map<String, String> knobs, String category,
                             String durability, Map<String, String> configuration, String status, String reason,
                             int runsPlanned, int runsOk, int runsFailed, Double medianMops, Double minMops,
                             Double maxMops, Double ci95LowMops, Double ci95HighMops, Map<String, Long> p99Nanos, Long peakChargedBytes, long budgetBytes,
                             Double ratioToBestPeer, int configurations, List<RunSummary> runs) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String IN_PROCESS = "in-process";
    public static final String OUT_OF_PROCESS = "out-of-process";

    public StoreAggregate {
        knobs = knobs == null ? Map.of() : Map.copyOf(knobs);
        configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
        p99Nanos = p99Nanos == null ? Map.of() : Map.copyOf(p99Nanos);
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public boolean outOfProcess() {
        return OUT_OF_PROCESS.equals(category);
    }

    /** {@code max / min - 1} over the runs, null unless ok. */
    public Double maxOverMin() {
        return ok() && minMops != null && minMops > 0 ? maxMops / minMops - 1 : null;
    }

    /** The slowest operation type by median p99, or null when none was timed. */
    public Map.Entry<String, Long> slowestP99() {
        return p99Nanos.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }

    StoreAggregate withRatio(final Double ratio) {
        return new StoreAggregate(label, store, knobs, category, durability, configuration, status, reason,
            runsPlanned, runsOk, runsFailed, medianMops, minMops, maxMops, ci95LowMops, ci95HighMops, p99Nanos, peakChargedBytes, budgetBytes,
            ratio, configurations, runs);
    }

    StoreAggregate withConfigurations(final int tried) {
        return new StoreAggregate(label, store, knobs, category, durability, configuration, status, reason,
            runsPlanned, runsOk, runsFailed, medianMops, minMops, maxMops, ci95LowMops, ci95HighMops, p99Nanos, peakChargedBytes, budgetBytes,
            ratioToBestPeer, tried, runs);
    }
}
