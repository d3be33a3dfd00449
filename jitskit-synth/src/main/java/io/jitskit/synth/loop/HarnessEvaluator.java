package io.jitskit.synth.loop;

import io.jitskit.api.MetricNames;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.check.CheckpointPauseProbe;
import io.jitskit.gate.check.HorizonCheck;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.Probe;
import io.jitskit.gate.Verdict;
import io.jitskit.harness.bench.BenchRequest;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.harness.fork.ForkedBench;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real evaluation: the correctness gate at {@code quick} (fail-fast, plus every probe the auditor added this run),
 * then, only for a candidate that passed, the benchmark in a child JVM held to the card's memory budget. Both use a
 * fresh hidden seed each time, so no candidate is ever measured on data it could have been tuned to.
 */
public final class HarnessEvaluator implements Evaluator {

    private final Spec spec;
    private final Path specFile;
    private final Duration benchDuration;
    private final GateLevel level;
    private final ProgressListener progress;
    private final List<Probe> addedProbes = new CopyOnWriteArrayList<>();
    private final SecureRandom seeds = new SecureRandom();

    /**
     * @param benchDuration run-phase length of each iteration's benchmark, or null for the spec's
     */
    public HarnessEvaluator(final Spec spec, final Path specFile, final Duration benchDuration, final GateLevel level,
                            final ProgressListener progress) {
        this.spec = spec;
        this.specFile = specFile;
        this.benchDuration = benchDuration;
        this.level = level;
        this.progress = progress;
    }

    Spec spec() {
        return spec;
    }

    /** Adds a probe to every later gate run of this loop (the auditor's way of growing the gate). */
    public void addProbe(final Probe probe) {
        addedProbes.add(probe);
    }

    /** The probes added so far, for tools that run the gate outside an evaluation (an agent coder's own checks). */
    public List<Probe> addedProbes() {
        return List.copyOf(addedProbes);
    }

    public List<String> addedProbeNames() {
        final List<String> names = new ArrayList<>();
        addedProbes.forEach(p -> names.add(p.name()));
        return names;
    }

    @Override
    public Evaluation evaluate(final Candidate candidate) throws Exception {
        final Measured m = measure(candidate.storeArgument(), candidate.dir());
        return new Evaluation(candidate, m.gate(), m.bench());
    }

    /** The gate's verdict and, when it passed, the benchmark (null otherwise). */
    record Measured(GateOutcome gate, BenchResult bench) { }

    /** The gate, then the benchmark for a store that passed; reports go to {@code dir/gate} and {@code dir/bench}. */
    Measured measure(final String store, final Path dir) throws Exception {
        final GateReport report = GateRunner.run(spec, store, level, dir.resolve("gate"),
            GateOptions.defaults().failingFast().withProbes(List.copyOf(addedProbes)));
        final GateOutcome gate = outcome(report, dir.resolve("gate"));
        if (!gate.passed()) {
            return new Measured(gate, null);
        }
        return new Measured(gate, bench(store, seeds.nextLong(), dir.resolve("bench")));
    }

    /**
     * The candidate's evaluation as a task another JVM can run ({@link EvaluationTask}): this evaluator's card, level,
     * benchmark length and added probes.
     *
     * @throws IllegalStateException when a probe was added that only lives in this JVM (a model's), which no other
     *                               JVM could rebuild
     */
    EvaluationTask task(final Candidate candidate) {
        final List<String> probes = new ArrayList<>();
        for (final Probe p : addedProbes) {
            if (!(p instanceof OfflineAuditor.IntensifiedProbe)) {
                throw new IllegalStateException("the gate's probe " + p.name() + " lives in this JVM only and cannot "
                    + "travel with an evaluation; run with --executor local");
            }
            probes.add(p.name());
        }
        return new EvaluationTask(specFile.toAbsolutePath().toString(), candidate.storeArgument(),
            benchDuration == null ? 0 : benchDuration.toMillis(), level.encode(), probes);
    }

    /**
     * The longest an evaluation may take before its runner gives up on it: the gate's quick level within two
     * minutes, the benchmark's own deadline, a minute for the JVM, the calibration and the files.
     */
    Duration evaluationDeadline() {
        return benchDeadline().plusMinutes(3);
    }

    @Override
    public Rematch rematch(final Candidate challenger, final Path incumbentJar) throws Exception {
        final Path dir = challenger.dir().resolve("rematch");
        final double[] ours = new double[Rematch.PAIRS];
        final double[] theirs = new double[Rematch.PAIRS];
        java.util.Arrays.fill(ours, Double.NaN);
        java.util.Arrays.fill(theirs, Double.NaN);
        for (int pair = 0; pair < Rematch.PAIRS; pair++) {
            // A fresh seed per pair, and the order alternates: whatever running first does (a cooler machine, a
            // fresher page cache), it does to each side in turn.
            final long seed = seeds.nextLong();
            final Path pairDir = dir.resolve("pair-" + (pair + 1));
            final boolean incumbentFirst = pair % 2 == 0;
            BenchResult incumbent = null;
            BenchResult again = null;
            // A pair beside a busy neighbour measured the neighbour too: run it again, a bounded number of times.
            for (int attempt = 0; attempt <= DISTURBED_RETRIES && (again == null || disturbed(again, incumbent));
                 attempt++) {
                if (incumbentFirst) {
                    incumbent = bench(incumbentJar.toAbsolutePath().toString(), seed, pairDir.resolve("incumbent"));
                }
                again = bench(challenger.storeArgument(), seed, pairDir.resolve("challenger"));
                if (!incumbentFirst) {
                    incumbent = bench(incumbentJar.toAbsolutePath().toString(), seed, pairDir.resolve("incumbent"));
                }
            }
            ours[pair] = again.ok() ? again.mops() : Double.NaN;
            theirs[pair] = incumbent.ok() ? incumbent.mops() : Double.NaN;
            if (!again.ok()) {
                break; // a failed challenger has lost; the remaining pairs would change nothing
            }
        }
        return new Rematch(ours, theirs);
    }

    @Override
    public CheckResult atHorizon(final Candidate candidate, final Evaluation evaluation) throws Exception {
        final BenchResult bench = evaluation.bench();
        if (bench == null || bench.run() == null) {
            return null;
        }
        final HorizonCheck check = new HorizonCheck(spec, horizonOf(bench), true);
        final GateReport report = GateRunner.run(spec, candidate.storeArgument(), level,
            candidate.dir().resolve("horizon"), GateOptions.defaults().withOnly(HorizonCheck.NAME)
                .withProbes(List.of(check)));
        return report.check(HorizonCheck.NAME).orElse(null);
    }

    /** How long, and for how many operations, the benchmark kept the store open: load, warm-up and run. */
    static HorizonCheck.Horizon horizonOf(final BenchResult bench) {
        return HorizonCheck.Horizon.beyond(Duration.ofNanos(bench.lifetimeNanos()), bench.lifetimeOperations());
    }

    /** Times a rematch pair disturbed by other processes is run again before it is kept. */
    private static final int DISTURBED_RETRIES = 2;

    private static boolean disturbed(final BenchResult a, final BenchResult b) {
        return a.ok() && b.ok() && (a.disturbed() || b.disturbed());
    }

    private BenchResult bench(final String store, final long seed, final Path workDir) throws Exception {
        return ForkedBench.run(new BenchRequest(specFile, store, 0, benchDuration, seed, workDir, false, List.of(),
            benchDeadline()), spec, seed, progress);
    }

    private Duration benchDeadline() {
        final Duration planned = benchDuration != null ? benchDuration : spec.workload().run().duration();
        return (planned == null ? Duration.ofMinutes(10) : planned.multipliedBy(3)).plusMinutes(5);
    }

    static GateOutcome outcome(final GateReport report, final Path dir) {
        final List<String> failed = new ArrayList<>();
        for (final CheckResult c : report.checks()) {
            if (c.blocks()) {
                failed.add(c.check() + (c.verdict() == Verdict.FAIL ? "" : " (undecided)"));
            }
        }
        final String summary = report.firstFailure().map(CheckResult::line)
            .orElse(report.checks().size() + " checks passed in " + report.elapsedMillis() / 1000 + " s");
        final double pause = report.check(CheckpointPauseProbe.NAME)
            .map(c -> c.figures().get(MetricNames.CHECKPOINT_WRITER_PAUSE_MAX_MS))
            .map(v -> v instanceof Number n ? n.doubleValue() : Double.NaN).orElse(Double.NaN);
        return new GateOutcome(report.passed(), failed, summary, dir.resolve("gate-report.json"), pause);
    }
}
