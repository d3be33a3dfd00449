package io.jitskit.report.html;

import io.jitskit.report.chart.Charts;
import io.jitskit.report.compare.CompareIo;
import io.jitskit.report.compare.CompareResult;
import io.jitskit.report.compare.RunSummary;
import io.jitskit.report.compare.StoreAggregate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A comparison rendered as HTML: the bar chart, the table by category, the sweep grid and every run. */
final class CompareSection {

    private CompareSection() {
    }

    static void render(final Html h, final CompareResult r, final String headingTag) {
        h.open("p", "lead").text(r.runsPerStore() + (r.runsPerStore() == 1 ? " run" : " runs")
            + " per store, interleaved round-robin (each run a fresh JVM held to the card's budget; every store of a "
            + "round sees the same hidden seed), " + r.threads() + " worker threads"
            + (r.durationSeconds() == null ? "" : String.format(Locale.ROOT, ", %.0f s runs", r.durationSeconds()))
            + (r.sweep() ? "; knob sweep: each store at the best configuration found" : "") + ".").close("p");
        h.open("div", "chart").raw(Charts.svg(CompareIo.barChart(r), Charts.WIDTH, Charts.HEIGHT)).close("div");
        table(h, headingTag, "In-process stores", r.stores().stream().filter(s -> !s.outOfProcess()).toList(), true);
        table(h, headingTag, "Out-of-process stores",
            r.stores().stream().filter(StoreAggregate::outOfProcess).toList(), true);
        h.open("p", "legend").text("Median, min and max: run-phase throughput in Mops/s over the store's runs. "
            + "p99: the slowest operation type's 99th-percentile latency, median over runs. Peak: the largest memory "
            + "charge sampled in any run (resident memory plus the store's files in the page cache) against the "
            + "card's budget. Durability: what the store really gave. " + capitalize(r.ratioDefinition()) + ". "
            + "Failed: at least one run failed a check (wrong read, over budget, crash), so no number is shown. "
            + "Out-of-process stores are reached over a socket and listed apart, as in the paper.").close("p");
        if (r.sweep()) {
            h.element(headingTag, null, "Every configuration of the sweep");
            if (!r.grids().isEmpty()) {
                h.open("ul", "legend");
                r.grids().forEach(g -> g.knobs().forEach(k -> h.open("li", null).text(g.store() + ": "
                    + k.property() + " in " + k.values() + " - " + k.meaning()).close("li")));
                h.close("ul");
            }
            table(h, null, null, r.configurations(), false);
        }
        runs(h, headingTag, r);
    }

    private static void table(final Html h, final String headingTag, final String heading,
                              final List<StoreAggregate> rows, final boolean withRatio) {
        if (rows.isEmpty()) {
            return;
        }
        if (heading != null) {
            h.element(headingTag, null, heading);
        }
        h.open("table", "compare");
        h.row("th", "store", "status", "durability", "median Mops/s", "min", "max", "95% interval", "max/min",
            "p99 us (slowest op)",
            "peak MiB / budget", withRatio ? "vs best peer" : "runs ok", "why / notes");
        for (final StoreAggregate s : rows) {
            final Map.Entry<String, Long> p99 = s.slowestP99();
            final String peak = (s.peakChargedBytes() == null ? "-" : Long.toString(s.peakChargedBytes() >> 20))
                + " / " + (s.budgetBytes() >> 20);
            final String notes = s.ok()
                ? (s.configurations() > 1 ? "best of " + s.configurations() + " configurations" : "")
                : (StoreAggregate.FAILED.equals(s.status()) ? s.runsFailed() + " of " + s.runs().size()
                    + " runs failed: " : "") + s.reason();
            h.row("td", s.label(), "status-" + s.status() + "|" + s.status(), s.durability(),
                "num|" + mops(s.medianMops()), "num|" + mops(s.minMops()), "num|" + mops(s.maxMops()),
                "num|" + (s.ci95LowMops() == null ? "-" : mops(s.ci95LowMops()) + ".." + mops(s.ci95HighMops())),
                "num|" + (s.maxOverMin() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.maxOverMin())),
                "num|" + (p99 == null ? "-" : String.format(Locale.ROOT, "%.1f (%s)", p99.getValue() / 1e3,
                    p99.getKey())),
                "num|" + peak,
                "num|" + (withRatio ? (s.ratioToBestPeer() == null ? "-"
                    : String.format(Locale.ROOT, "%.2fx", s.ratioToBestPeer())) : s.runsOk() + " / "
                    + s.runsPlanned()),
                "reason|" + notes);
        }
        h.close("table");
    }

    private static void runs(final Html h, final String headingTag, final CompareResult r) {
        record LabelledRun(String label, RunSummary run) { }
        final List<LabelledRun> all = new ArrayList<>();
        for (final StoreAggregate s : r.configurations()) {
            for (final RunSummary run : s.runs()) {
                all.add(new LabelledRun(s.label(), run));
            }
        }
        all.sort(Comparator.comparingInt(o -> o.run().sequence()));
        h.element(headingTag, null, "Runs in execution order");
        h.open("table", "runs");
        h.row("th", "#", "round", "store", "seed", "verdict", "Mops/s", "failure or skip reason", "result");
        for (final LabelledRun o : all) {
            final RunSummary run = o.run();
            h.row("td", "num|" + run.sequence(), "num|" + run.round(), o.label(), "num|" + run.seed(),
                "status-" + run.verdict() + "|" + run.verdict(), "num|" + mops(run.mops()),
                "reason|" + (run.failure() == null ? "" : run.failure()),
                run.resultFile() == null ? "" : run.resultFile());
        }
        h.close("table");
    }

    static String mops(final Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String capitalize(final String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
