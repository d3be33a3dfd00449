package io.jitskit.report.compare;

import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.stats.Spread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns runs into rows: medians and spreads, best configuration per store, ratios to the best peer. */
public final class Aggregates {

    private Aggregates() {
    }

    /** The median; the mean of the two middle values for an even count. */
    public static double median(final double[] values) {
        return Spread.median(values);
    }

    /**
     * One configuration's row from its runs.
     *
     * @param planned    runs asked for (a skipped configuration runs once)
     * @param resultFile where each run's full result lives, relative to the comparison directory
     */
    public static StoreAggregate summarize(final StoreVariant variant, final List<RunRecord> runs, final int planned,
                                           final Function<RunRecord, String> resultFile) {
        final List<RunSummary> summaries = new ArrayList<>();
        int ok = 0;
        int failed = 0;
        String firstFailure = null;
        String skipReason = null;
        for (final RunRecord r : runs) {
            summaries.add(RunSummary.of(r, resultFile.apply(r)));
            switch (r.result().verdict()) {
                case "ok" -> ok++;
                case "skipped" -> skipReason = skipReason != null ? skipReason : r.result().failure();
                default -> {
                    failed++;
                    firstFailure = firstFailure != null ? firstFailure
                        : r.result().failure() != null ? r.result().failure() : "failed without a reason";
                }
            }
        }
        final BenchResult.StoreSummary described = describedBy(runs);
        final Map<String, String> config = described == null ? Map.of() : described.configuration();
        final String category = StoreAggregate.OUT_OF_PROCESS.equals(config.get("category"))
            ? StoreAggregate.OUT_OF_PROCESS : StoreAggregate.IN_PROCESS;
        final long budget = runs.stream().filter(r -> r.result().memory() != null)
            .mapToLong(r -> r.result().memory().budgetBytes()).findFirst().orElse(0);
        final Long peak = summaries.stream().map(RunSummary::peakChargedBytes).filter(p -> p != null)
            .max(Long::compare).orElse(null);
        final String status;
        final String reason;
        if (failed > 0) {
            // One bad run is enough: a store that returns a wrong value once in three runs is not correct.
            status = StoreAggregate.FAILED;
            reason = firstFailure;
        } else if (skipReason != null || ok == 0) {
            status = StoreAggregate.SKIPPED;
            reason = skipReason != null ? skipReason : "no run completed";
        } else {
            status = StoreAggregate.OK;
            reason = null;
        }
        // A skipped store gave no guarantee at all; a store that died before describing itself gave an unknown one.
        final String durability = described != null ? described.durability()
            : status.equals(StoreAggregate.SKIPPED) ? "n/a" : "unknown";
        Double median = null;
        Double min = null;
        Double max = null;
        Double low = null;
        Double high = null;
        final Map<String, Long> p99 = new TreeMap<>();
        if (status.equals(StoreAggregate.OK)) {
            final double[] mops = summaries.stream().mapToDouble(RunSummary::mops).toArray();
            final Spread spread = Spread.of(mops);
            median = spread.median();
            min = spread.min();
            max = spread.max();
            low = spread.hasInterval() ? spread.low() : null;
            high = spread.hasInterval() ? spread.high() : null;
            final Map<String, List<Long>> byOp = new TreeMap<>();
            summaries.forEach(s -> s.p99Nanos().forEach((op, ns) -> byOp.computeIfAbsent(op, k -> new ArrayList<>())
                .add(ns)));
            byOp.forEach((op, ns) -> p99.put(op, Math.round(median(ns.stream().mapToDouble(Long::doubleValue)
                .toArray()))));
        }
        return new StoreAggregate(variant.label(), variant.store(), variant.knobs(), category, durability, config,
            status, reason, planned, ok, failed, median, min, max, low, high, p99, peak, budget, null, 1, summaries);
    }

    /** The store's own description from its first run that got far enough to give one. */
    private static BenchResult.StoreSummary describedBy(final List<RunRecord> runs) {
        BenchResult.StoreSummary fallback = null;
        for (final RunRecord r : runs) {
            final BenchResult.StoreSummary s = r.result().store();
            if (s != null && !s.configuration().isEmpty()) {
                return s;
            }
            if (s != null && fallback == null && !"unknown".equals(s.durability()) && !"n/a".equals(s.durability())) {
                fallback = s;
            }
        }
        return fallback;
    }

    /**
     * One row per store: among a store's configurations the one with the highest median, or, when none has a
     * number, its first configuration (failed before skipped). Each row records how many configurations were tried.
     */
    public static List<StoreAggregate> bestPerStore(final List<StoreAggregate> configurations) {
        final Map<String, List<StoreAggregate>> byStore = new LinkedHashMap<>();
        // By label without knobs: rocksdb and rocksdb@none are two stores here, each with its own best configuration.
        configurations.forEach(c -> byStore.computeIfAbsent(withoutKnobs(c.label()), k -> new ArrayList<>()).add(c));
        final List<StoreAggregate> rows = new ArrayList<>();
        for (final List<StoreAggregate> group : byStore.values()) {
            final StoreAggregate best = group.stream().filter(StoreAggregate::ok)
                .max(Comparator.comparingDouble(StoreAggregate::medianMops))
                .or(() -> group.stream().filter(c -> StoreAggregate.FAILED.equals(c.status())).findFirst())
                .orElse(group.getFirst());
            rows.add(best.withConfigurations(group.size()));
        }
        return rows;
    }

    private static String withoutKnobs(final String label) {
        final int open = label.indexOf('[');
        return open < 0 ? label : label.substring(0, open);
    }

    /**
     * Sets each row's ratio to the best peer (see {@link CompareResult#RATIO_DEFINITION}) and orders the rows:
     * rows with a number fastest first, then failed, then skipped, each group in its given order.
     */
    public static List<StoreAggregate> rank(final List<StoreAggregate> rows) {
        final List<StoreAggregate> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            final StoreAggregate row = rows.get(i);
            Double bestPeer = null;
            for (int j = 0; j < rows.size(); j++) {
                final StoreAggregate peer = rows.get(j);
                if (j != i && peer.ok() && (bestPeer == null || peer.medianMops() > bestPeer)) {
                    bestPeer = peer.medianMops();
                }
            }
            out.add(row.withRatio(row.ok() && bestPeer != null && bestPeer > 0 ? row.medianMops() / bestPeer : null));
        }
        return order(out);
    }

    /** The rows with a number fastest first, then failed, then skipped, each group otherwise in its given order. */
    public static List<StoreAggregate> order(final List<StoreAggregate> rows) {
        final List<StoreAggregate> out = new ArrayList<>(rows);
        // List.sort is stable: ties keep the caller's order.
        out.sort(Comparator.comparingInt(Aggregates::statusRank)
            .thenComparing(r -> r.ok() ? -r.medianMops() : 0.0));
        return out;
    }

    private static int statusRank(final StoreAggregate r) {
        return switch (r.status()) {
            case StoreAggregate.OK -> 0;
            case StoreAggregate.FAILED -> 1;
            default -> 2;
        };
    }
}
