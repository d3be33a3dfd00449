package io.jitskit.synth.loop;

import io.jitskit.api.MetricNames;
import io.jitskit.gate.check.CheckpointPauseProbe;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.spec.Durability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in critic: reads throughput and leading indicators together and names a cause, as the paper's critic
 * does (section 4.4), with rules rather than a model.
 *
 * <p>Each rule looks at a combination, never one counter alone: long probe chains with a high load factor (or longer
 * than linear probing's expectation at that load) mean a crowded index; a low hit ratio with evictions means the
 * working set exceeds the cache; reads retrying while writers run mean hot keys under write contention; workers below
 * full CPU while parking mean lock contention, unless the store's own wait counters explain the parking (waiting for
 * compaction, or quiesced for checkpoints); a memory peak near the budget leaves no room to grow. Store metrics and
 * indicators are read by their {@link MetricNames}, which every engine exports alike (the longest checkpoint pause
 * through {@link MetricNames#checkpointPauseMaxMs}), so a renamed metric fails the build rather than blinding a rule.
 * When the card bounds the writers' stall during checkpoints, the pause the gate measured from the writers' side is
 * read against that bound as an indicator of its own.
 */
public final class OfflineCritic implements Critic {

    /** A change that loses more than this to the best so far is ruled out. */
    static final double REGRESSION = 0.02;

    /** From this load factor on, long probe chains are the load's doing and spreading the index is the cure. */
    static final double CROWDED_LOAD = 0.75;

    @Override
    public Critique review(final Evaluation e, final LoopState state) {
        if (!e.compiled()) {
            final List<String> d = e.candidate().compiled().diagnostics();
            return new Critique("does not compile: " + (d.isEmpty() ? "no diagnostic" : d.get(0)),
                List.of(Directive.EXPLORE), true, d.size() + " diagnostics");
        }
        if (!e.passedGate()) {
            // Over the card's writer-pause bound is a cause with a cure, not a broken store: shorten the pause.
            final boolean overPause = e.gate().failedChecks().contains(CheckpointPauseProbe.NAME)
                && state.spec().requirements().durability().boundsWriterPause();
            return new Critique("fails the correctness gate (" + String.join(", ", e.gate().failedChecks()) + "): "
                + e.gate().summary(), List.of(overPause ? Directive.SHORTER_PAUSE : Directive.EXPLORE), true,
                e.gate().summary());
        }
        final BenchResult bench = e.bench();
        if (bench == null || !bench.ok()) {
            final String why = bench == null ? "no benchmark result" : bench.failure();
            final boolean memory = why != null && why.contains("memory");
            return new Critique("fails the benchmark: " + why,
                memory ? List.of(Directive.REDUCE_MEMORY) : List.of(Directive.EXPLORE), true, String.valueOf(why));
        }
        final List<Directive> directives = new ArrayList<>();
        final List<String> causes = new ArrayList<>();
        final List<String> evidence = new ArrayList<>();
        readIndicators(bench, directives, causes, evidence);
        writerPause(e.gate(), state.spec().requirements().durability(), directives, causes, evidence);
        final double mops = bench.mops();
        final double best = state.bestMops();
        final boolean regressed = !Double.isNaN(best) && mops < best * (1 - REGRESSION);
        String diagnosis;
        if (regressed) {
            diagnosis = String.format(Locale.ROOT, "%s regressed throughput %.3f -> %.3f Mops/s (%+.1f%%)",
                e.candidate().plan().change(), best, mops, (mops / best - 1) * 100);
        } else {
            diagnosis = String.format(Locale.ROOT, "%.3f Mops/s", mops);
        }
        if (!causes.isEmpty()) {
            diagnosis += "; " + String.join("; ", causes);
        }
        if (directives.isEmpty()) {
            directives.add(Directive.EXPLORE);
        }
        return new Critique(diagnosis, directives, regressed, String.join(", ", evidence));
    }

    private static void readIndicators(final BenchResult b, final List<Directive> directives,
                                       final List<String> causes, final List<String> evidence) {
        final Map<String, Double> m = b.storeMetrics();
        final Map<String, Double> ind = b.indicators();
        final double probe = metric(m, MetricNames.INDEX_PROBE_LENGTH_MEAN);
        final double load = metric(m, MetricNames.INDEX_LOAD_FACTOR);
        // Linear probing's expected successful search at load a is (1 + 1/(1 - a)) / 2 (Knuth): 1.75 at 0.6 is the
        // table working as designed, not a crowd. Crowded: a high load, or chains well past what the load explains.
        final double expected = load >= 0 && load < 1 ? 0.5 * (1 + 1 / (1 - load)) : Double.NaN;
        if (probe > 1.5 && (Double.isNaN(expected) || load >= CROWDED_LOAD || probe > 1.25 * expected)) {
            causes.add("long probe chains (mean " + fmt(probe) + (Double.isNaN(load) ? "" : " at load " + fmt(load))
                + "): the index is crowded");
            directives.add(Directive.SPREAD_INDEX);
            evidence.add("probe mean " + fmt(probe));
        }
        final double hit = metric(m, MetricNames.CACHE_HIT_RATIO);
        final double evictions = metric(m, MetricNames.CACHE_EVICTIONS);
        if (hit < 0.8 && evictions > 0) {
            causes.add("hit ratio " + fmt(hit) + " with " + (long) evictions
                + " evictions: the working set exceeds the cache");
            directives.add(Directive.BIGGER_CACHE);
        }
        final long reads = b.run() == null ? 0 : b.run().operationsByType().getOrDefault("read", 0L);
        final double retries = metric(m, MetricNames.SEQLOCK_READ_RETRIES);
        if (reads > 0 && retries / reads > 0.01) {
            causes.add(String.format(Locale.ROOT, "%.1f%% of reads retried: hot keys under write contention",
                100 * retries / reads));
            directives.add(Directive.INLINE_MORE);
        }
        final double pause = MetricNames.checkpointPauseMaxMs(m);
        if (pause > 100) {
            causes.add("checkpoints stall writers for " + fmt(pause) + " ms");
            directives.add(Directive.SHORTER_PAUSE);
        }
        // Waits the store itself accounts for, summed over sessions since it opened (load and run).
        final double phasesMs = ((b.load() == null ? 0 : b.load().elapsedNanos())
            + (b.run() == null ? 0 : b.run().elapsedNanos())) / 1e6 * b.threads();
        final double diskWait = phasesMs > 0 ? metric(m, MetricNames.WAIT_DISK_MS) / phasesMs : Double.NaN;
        final double quiesceWait = phasesMs > 0 ? metric(m, MetricNames.WAIT_QUIESCE_MS) / phasesMs : Double.NaN;
        boolean waitsExplained = false;
        if (diskWait > 0.05) {
            causes.add(String.format(Locale.ROOT, "writers waited %.0f%% of the time for compaction to bring the disk"
                + " under its bound: the log outgrows compaction", diskWait * 100));
            directives.add(Directive.LOOSER_COMPACTION);
            waitsExplained = true;
        }
        if (quiesceWait > 0.05) {
            causes.add(String.format(Locale.ROOT, "writers stood aside %.0f%% of the time for checkpoints and index"
                + " compactions", quiesceWait * 100));
            directives.add(Directive.LOOSER_COMPACTION);
            directives.add(Directive.SHORTER_PAUSE);
            waitsExplained = true;
        }
        final double util = ind.getOrDefault(MetricNames.CPU_WORKER_UTILIZATION, Double.NaN);
        final double parkMs = ind.getOrDefault(MetricNames.LOCK_PARK_TOTAL_MS, 0.0);
        final double runMs = b.run() == null ? 0 : b.run().elapsedNanos() / 1e6;
        if (!waitsExplained && util < 0.75 && runMs > 0 && parkMs / (runMs * b.threads()) > 0.05) {
            causes.add(String.format(Locale.ROOT, "workers at %.0f%% CPU and parked %.0f%% of the time: lock "
                + "contention", util * 100, 100 * parkMs / (runMs * b.threads())));
            directives.add(Directive.MORE_SHARDS);
        }
        final double readCalls = ind.getOrDefault(MetricNames.IO_READ_CALLS, 0.0);
        if (b.run() != null && b.run().operations() > 0 && readCalls / b.run().operations() > 0.05) {
            causes.add(String.format(Locale.ROOT, "%.2f read calls per operation: I/O bound",
                readCalls / b.run().operations()));
            directives.add(Directive.BIGGER_CACHE);
        }
        final double gc = ind.getOrDefault(MetricNames.GC_PAUSE_FRACTION, 0.0);
        if (gc > 0.02) {
            causes.add(String.format(Locale.ROOT, "GC pauses take %.1f%% of the run: allocation on the hot path",
                gc * 100));
        }
        if (b.memory() != null && b.memory().peakChargedBytes() > 0.9 * b.memory().budgetBytes()) {
            causes.add(String.format(Locale.ROOT, "memory peak %.0f%% of the budget", 100.0
                * b.memory().peakChargedBytes() / b.memory().budgetBytes()));
            directives.add(0, Directive.REDUCE_MEMORY);
        }
        if (!Double.isNaN(util)) {
            evidence.add(String.format(Locale.ROOT, "worker CPU %.0f%%", util * 100));
        }
    }

    /** The store metric called {@code name}; NaN when the store does not export it (every rule then stays quiet). */
    private static double metric(final Map<String, Double> metrics, final String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    /**
     * The gate's writer pause, read against the card's {@code max-writer-pause} when it has one: always shown as
     * evidence, and past half the bound a cause, since the gate at {@code quick} measured it on fewer keys than the
     * card's and a checkpoint's walk grows with them.
     */
    private static void writerPause(final GateOutcome gate, final Durability durability,
                                    final List<Directive> directives, final List<String> causes,
                                    final List<String> evidence) {
        if (!durability.boundsWriterPause() || gate == null || Double.isNaN(gate.writerPauseMs())) {
            return;
        }
        final double bound = durability.maxWriterPause().toNanos() / 1e6;
        evidence.add(String.format(Locale.ROOT, "writer pause %.1f of %.1f ms", gate.writerPauseMs(), bound));
        if (gate.writerPauseMs() > bound / 2) {
            causes.add(String.format(Locale.ROOT, "checkpoints stall writers %.1f ms, %.0f%% of the card's "
                + "max-writer-pause %.1f ms", gate.writerPauseMs(), 100 * gate.writerPauseMs() / bound, bound));
            if (!directives.contains(Directive.SHORTER_PAUSE)) {
                directives.add(Directive.SHORTER_PAUSE);
            }
        }
    }

    private static String fmt(final double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
