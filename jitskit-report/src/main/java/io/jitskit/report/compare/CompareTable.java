package io.jitskit.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as a fixed-width text table ({@code compare.txt} and the terminal): in-process stores first, then
 * out-of-process stores in their own section, as the paper separates them; a legend defines every column.
 */
public final class CompareTable {

    private static final String[] HEADER = {"store", "durability", "median", "min", "max", "95% interval",
        "max/min", "p99 us (slowest op)", "peak MiB / budget", "vs best peer"};

    private CompareTable() {
    }

    public static String render(final CompareResult r) {
        final StringBuilder b = new StringBuilder();
        b.append("jitskit compare: ").append(r.spec()).append(" (").append(r.specFile()).append("), ")
            .append(r.runsPerStore()).append(r.runsPerStore() == 1 ? " run" : " runs")
            .append(" per store, interleaved, ").append(r.threads()).append(" threads")
            .append(r.durationSeconds() == null ? "" : String.format(Locale.ROOT, ", %.0f s runs", r.durationSeconds()))
            .append(r.sweep() ? ", knob sweep (best configuration shown)" : "").append('\n');
        section(b, "In-process stores", r.stores().stream().filter(s -> !s.outOfProcess()).toList());
        section(b, "Out-of-process stores (reached over a socket; not comparable with in-process stores)",
            r.stores().stream().filter(StoreAggregate::outOfProcess).toList());
        aa(b, r.stores());
        b.append('\n').append("Legend: median, min, max = run-phase throughput in Mops/s over the store's runs; ")
            .append("95% interval = Student t over the runs' logarithms (the geometric mean's); max/min = the fastest ")
            .append("run over the slowest, minus 1; ")
            .append("p99 = the slowest operation type's 99th-percentile latency (median over runs), microseconds; ")
            .append("peak = the largest memory charge sampled in any run (resident memory plus the store's files in ")
            .append("the page cache) against the card's budget; durability = what the store really gave.\n")
            .append("        ").append(CompareResult.RATIO_DEFINITION).append(".\n")
            .append("        failed = at least one run failed a check (wrong read, over budget, crash): no number is ")
            .append("shown; skipped = the store cannot serve this spec, with its reason.\n");
        if (r.stores().stream().anyMatch(s -> s.label().matches("[^\\[]*@[a-z]+(\\[.*)?"))) {
            b.append("        name@level = the store run on a copy of the card that asks durability 'level' instead ")
                .append("(written under cards/): a weaker guarantee than the card's, shown for reference.\n");
        }
        return b.toString();
    }

    /** For each store listed more than once (an A/A check), its runs pooled: the noise any gain must beat. */
    private static void aa(final StringBuilder b, final List<StoreAggregate> rows) {
        final Map<String, List<StoreAggregate>> byBase = new java.util.LinkedHashMap<>();
        for (final StoreAggregate s : rows) {
            byBase.computeIfAbsent(s.label().replaceFirst("#[0-9]+", ""), k -> new ArrayList<>()).add(s);
        }
        for (final Map.Entry<String, List<StoreAggregate>> e : byBase.entrySet()) {
            final List<StoreAggregate> copies = e.getValue();
            if (copies.size() < 2 || !copies.stream().allMatch(StoreAggregate::ok)) {
                continue;
            }
            final double[] all = copies.stream().flatMap(c -> c.runs().stream()).mapToDouble(RunSummary::mops)
                .toArray();
            final io.jitskit.harness.stats.Spread pooled = io.jitskit.harness.stats.Spread.of(all);
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (final StoreAggregate c : copies) {
                lo = Math.min(lo, c.medianMops());
                hi = Math.max(hi, c.medianMops());
            }
            b.append('\n').append(String.format(Locale.ROOT, "A/A %s: %d copies, %d runs: median %.3f Mops/s, "
                    + "min..max %.3f..%.3f (max/min %.1f%%), 95%% interval %.3f..%.3f; copies' medians differ by "
                    + "%.1f%%%n", e.getKey(), copies.size(), all.length, pooled.median(), pooled.min(), pooled.max(),
                100 * pooled.maxOverMin(), pooled.low(), pooled.high(), 100 * (hi / lo - 1)));
        }
    }

    private static void section(final StringBuilder b, final String title, final List<StoreAggregate> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append('\n');
        final List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (final StoreAggregate s : rows) {
            cells.add(s.ok() ? numbers(s) : new String[] {s.label(), s.durability(), s.status(), "", "", "", "", "",
                peak(s), ""});
        }
        final int[] width = new int[HEADER.length];
        for (final String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            final String[] row = cells.get(r);
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // Text columns left-aligned, figures right-aligned so digits line up.
                final String fmt = i < 2 ? "%-" + width[i] + "s" : "%" + width[i] + "s";
                line.append(String.format(Locale.ROOT, fmt, row[i])).append("  ");
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (r > 0) {
                notes(b, rows.get(r - 1));
            }
        }
    }

    private static String[] numbers(final StoreAggregate s) {
        final Map.Entry<String, Long> p99 = s.slowestP99();
        return new String[] {s.label(), s.durability(), mops(s.medianMops()), mops(s.minMops()), mops(s.maxMops()),
            s.ci95LowMops() == null ? "-" : mops(s.ci95LowMops()) + ".." + mops(s.ci95HighMops()),
            s.maxOverMin() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.maxOverMin()),
            p99 == null ? "-" : String.format(Locale.ROOT, "%.1f (%s)", p99.getValue() / 1e3, p99.getKey()),
            peak(s), s.ratioToBestPeer() == null ? "-" : String.format(Locale.ROOT, "%.2fx", s.ratioToBestPeer())};
    }

    /** The lines under a row: why it failed or was skipped, and how many configurations a sweep tried. */
    private static void notes(final StringBuilder b, final StoreAggregate s) {
        if (!s.ok()) {
            final String runs = StoreAggregate.FAILED.equals(s.status())
                ? " (" + s.runsFailed() + " of " + s.runs().size() + " runs failed)" : "";
            b.append("    ").append(s.status()).append(runs).append(": ").append(s.reason()).append('\n');
        }
        final long disturbed = s.runs().stream().filter(RunSummary::disturbed).count();
        if (disturbed > 0) {
            b.append("    ").append(disturbed).append(" of ").append(s.runs().size()).append(" runs kept although other ")
                .append("processes took over ").append(Math.round(100 * io.jitskit.harness.bench.BenchResult
                    .DISTURBED_SHARE)).append("% of the machine after every retry: its spread includes them\n");
        }
        if (s.configurations() > 1) {
            b.append("    best of ").append(s.configurations()).append(" configurations (all in compare.json)\n");
        }
    }

    static String mops(final Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String peak(final StoreAggregate s) {
        final String budget = s.budgetBytes() > 0 ? Long.toString(s.budgetBytes() >> 20) : "?";
        return (s.peakChargedBytes() == null ? "-" : Long.toString(s.peakChargedBytes() >> 20)) + " / " + budget;
    }
}
