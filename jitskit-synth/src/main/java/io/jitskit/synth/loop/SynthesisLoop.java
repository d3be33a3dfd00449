package io.jitskit.synth.loop;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Verdict;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.BestStore;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs design / evaluate / reflect iterations within budgets and keeps the fastest candidate that passed the gate.
 *
 * <p>After every iteration the run directory holds a complete, readable picture: {@code trajectory.json} (every
 * attempt and best-so-far), {@code design-brief.md}, {@code whiteboard.md}, {@code state.json} (what a resumed run
 * needs, every design built among it as JSON), {@code best/} (the winning store's jar and source, and its design as
 * {@code design.json}) and {@code it-NNN/} per attempt (source, jar, gate and benchmark reports). A run directory
 * that already holds a {@code state.json} is resumed where it stopped, its designs rebuilt from their JSON.
 */
public final class SynthesisLoop {

    private final Spec spec;
    private final SynthesisOptions options;
    private final Planner planner;
    private final Coder coder;
    private final Evaluator evaluator;
    private final Critic critic;
    private final Auditor auditor;
    private final LoopListener listener;
    private final LoopState state;
    private final CostMeter costs;
    private final Executor executor;
    private final List<Candidate> sinceAudit = new ArrayList<>();
    /**
     * The best's first run when an executor measured it away from this JVM (a local:N slot on a share of the cores, a
     * node), else NaN: the bar for first runs measured that way, since the best's own figure also holds its rematch
     * runs, taken here on the whole machine. Not kept across a resume; the best's figure is the bar then.
     */
    private double bestFirstRunAway = Double.NaN;
    private Trajectory trajectory;

    public SynthesisLoop(final Spec spec, final SynthesisOptions options, final Planner planner, final Coder coder,
                         final Evaluator evaluator, final Critic critic, final Auditor auditor,
                         final LoopListener listener) {
        this(spec, options, planner, coder, evaluator, critic, auditor, listener, CostMeter.FREE);
    }

    /**
     * @param costs what model-backed roles spend: booked per attempt, and asked before each iteration whether the run
     *              must stop
     */
    public SynthesisLoop(final Spec spec, final SynthesisOptions options, final Planner planner, final Coder coder,
                         final Evaluator evaluator, final Critic critic, final Auditor auditor,
                         final LoopListener listener, final CostMeter costs) {
        this(spec, options, planner, coder, evaluator, critic, auditor, listener, costs, Executor.local(evaluator));
    }

    /**
     * @param executor where candidates are evaluated; the loop proposes up to its {@link Executor#slots()} designs per
     *                 round (the caller closes it)
     */
    public SynthesisLoop(final Spec spec, final SynthesisOptions options, final Planner planner, final Coder coder,
                         final Evaluator evaluator, final Critic critic, final Auditor auditor,
                         final LoopListener listener, final CostMeter costs, final Executor executor) {
        this.executor = executor;
        this.costs = costs;
        this.spec = spec;
        this.options = options;
        this.planner = planner;
        this.coder = coder;
        this.evaluator = evaluator;
        this.critic = critic;
        this.auditor = auditor;
        this.listener = listener;
        this.state = new LoopState(spec, options.outDir());
    }

    public LoopState state() {
        return state;
    }

    /** Runs until the iteration or time budget is spent or the planner has nothing left; returns the trajectory. */
    public Trajectory run() throws Exception {
        final Path out = options.outDir();
        Files.createDirectories(out);
        final long started = System.nanoTime();
        trajectory = LoopPersistence.resume(state, out, spec);
        if (trajectory == null) {
            trajectory = Trajectory.of(spec.name(), options.specFile().toString(), Instant.now().toString(),
                List.of(), null);
        } else {
            listener.note("resuming " + out + " after iteration " + state.iterationsDone());
        }
        writeMemories();
        while (state.iterationsDone() < options.iterations()) {
            if (System.nanoTime() - started > options.timeBudget().toNanos()) {
                listener.note("time budget of " + options.timeBudget().toMinutes() + " min spent");
                break;
            }
            final String stop = costs.stopReason();
            if (stop != null) {
                listener.note(stop + "; the run stops with its best so far");
                break;
            }
            final List<Proposal> round = propose(Math.min(executor.slots(),
                options.iterations() - state.iterationsDone()));
            if (round.isEmpty()) {
                listener.note("the planner has nothing left to try");
                break;
            }
            for (final Proposal p : round) {
                listener.phase(p.iteration(), "evaluate");
                p.evaluation = p.candidate().compiled().success() ? executor.submit(p.candidate())
                    : CompletableFuture.completedFuture(new Evaluation(p.candidate(), null, null));
            }
            // Folded in proposal order, each as soon as it and every one before it are in: what the critic, the
            // whiteboard and the crowning see depends on the results, never on which evaluation finished first.
            for (int i = 0; i < round.size(); i++) {
                fold(round.get(i), round.subList(i + 1, round.size()));
                if (state.iterationsDone() % options.auditEvery() == 0) {
                    audit();
                }
            }
        }
        if (!sinceAudit.isEmpty()) {
            audit();
        }
        return trajectory;
    }

    /** A design of this round, coded; its evaluation set once submitted. */
    private static final class Proposal {
        private final int iteration;
        private final Plan plan;
        private final Candidate candidate;
        private final long t0;
        private Future<Evaluation> evaluation;

        Proposal(final int iteration, final Plan plan, final Candidate candidate, final long t0) {
            this.iteration = iteration;
            this.plan = plan;
            this.candidate = candidate;
            this.t0 = t0;
        }

        int iteration() {
            return iteration;
        }

        Candidate candidate() {
            return candidate;
        }
    }

    /**
     * Plans and codes up to {@code k} designs, numbered from the next iteration on; a design that realizes a store
     * already evaluated (or already in this round) is skipped without taking an iteration. Empty when the planner has
     * nothing left.
     */
    private List<Proposal> propose(final int k) throws Exception {
        final List<Proposal> round = new ArrayList<>();
        while (round.size() < k) {
            final Plan plan = planner.propose(state);
            if (plan == null) {
                break;
            }
            final long t0 = System.nanoTime();
            final int iteration = state.iterationsDone() + round.size() + 1;
            listener.planned(iteration, plan);
            final Path dir = options.outDir().resolve(String.format(Locale.ROOT, "it-%03d", iteration));
            Files.createDirectories(dir);
            state.markTried(plan.blueprint());
            listener.phase(iteration, "compile");
            final Candidate candidate = coder.code(iteration, plan, dir);
            final String realization = candidate.compiled().success() ? candidate.compiled().realization() : null;
            final Integer twin = realization == null ? null : state.realizedBy(realization);
            if (twin != null) {
                listener.note("skipped " + (plan.change().isEmpty() ? plan.blueprint().describe() : plan.change())
                    + ": the same store as iteration " + twin + " (the knob does not change the generated source)");
                LoopPersistence.deleteTree(dir);
                continue;
            }
            state.realized(realization, iteration);
            round.add(new Proposal(iteration, plan, candidate, t0));
        }
        return round;
    }

    /** What a first run must beat to be rematched: the best's figure, or its first run where both ran away. */
    private double bar(final Evaluation evaluation) {
        return evaluation.placement() != null && !Double.isNaN(bestFirstRunAway) ? bestFirstRunAway : state.bestMops();
    }

    /** Waits for the round's later evaluations, whatever their outcome: a paired run beside them would measure them. */
    private static void drain(final List<Proposal> rest) throws InterruptedException {
        for (final Proposal p : rest) {
            try {
                p.evaluation.get();
            } catch (final ExecutionException e) {
                // Its failure is recorded when it is folded in.
            }
        }
    }

    /** Records one evaluated design: the critic's review, the rematch and horizon for a challenger, the crowning. */
    private void fold(final Proposal p, final List<Proposal> rest) throws Exception {
        final int iteration = p.iteration;
        final Plan plan = p.plan;
        final Candidate candidate = p.candidate;
        final long t0 = p.t0;
        final Evaluation evaluation;
        try {
            evaluation = p.evaluation.get();
        } catch (final ExecutionException failed) {
            final Throwable e = failed.getCause();
            final Attempt a = new Attempt(iteration, plan.blueprint().describe(), Outcome.ERROR, null,
                bestOrNull(), "evaluation failed: " + e, List.of(), seconds(t0), costs.takeUsd());
            final Critique c = new Critique("could not evaluate: " + e.getMessage(), List.of(Directive.EXPLORE),
                true, "");
            conclude(iteration, plan, a, c);
            return;
        }
        final Critique critique = critic.review(evaluation, state);
        Outcome outcome;
        final double mops = evaluation.mops();
        List<Double> crownedRuns = List.of(mops);
        String rematched = "";
        if (!evaluation.compiled()) {
            outcome = Outcome.COMPILE_ERROR;
        } else if (!evaluation.passedGate() || Double.isNaN(mops)) {
            outcome = Outcome.REJECTED_GATE;
        } else if (Double.isNaN(state.bestMops()) || mops > bar(evaluation)) {
            outcome = Outcome.ACCEPTED;
        } else {
            outcome = Outcome.SLOWER;
        }
        final Path incumbent = options.outDir().resolve("best").resolve("store.jar");
        if (outcome == Outcome.ACCEPTED) {
            // Rematch and horizon run here, one after the other, on this machine: never beside the round's others.
            drain(rest);
        }
        if (outcome == Outcome.ACCEPTED && state.best() != null && Files.exists(incumbent)) {
            listener.phase(iteration, "rematch");
            Rematch r;
            try {
                r = evaluator.rematch(candidate, incumbent);
            } catch (final Exception e) {
                // Unconfirmed is not crowned; the candidate stays among the passed designs for backtracking.
                r = Rematch.ofPair(Double.NaN, Double.NaN);
                listener.note("rematch of iteration " + iteration + " could not run: " + e.getMessage());
            }
            if (r.challengerWins()) {
                rematched = "confirmed " + r.describe() + "; ";
                // Every run of the challenger counts: the best's figure is the median of its runs, not its luckiest.
                crownedRuns = new ArrayList<>(List.of(mops));
                for (final double m : r.challengerMops()) {
                    crownedRuns.add(m);
                }
            } else {
                outcome = Outcome.SLOWER;
                state.bestMeasuredAgain(r.incumbentMops());
                rematched = String.format(Locale.ROOT, "measured %.3f Mops/s first, but %s the rematch %s; ", mops,
                    r.tie() ? "tied" : "lost", r.describe());
                if (r.tie()) {
                    // Not slower beyond the noise either: written down with its numbers, so the tie is not mistaken
                    // later for a loss (or retried as if it were untested).
                    state.whiteboard().ruleOut(new Whiteboard.Entry(iteration, plan.blueprint().key(),
                        plan.blueprint().describe(), plan.change(), "a tie with the best", r.describe()));
                }
            }
        }
        String horizonFailure = null;
        if (outcome == Outcome.ACCEPTED) {
            // Crowned only once the gate's checks pass again on a store as old as the benchmark left it: every other
            // check ran on a young store, and a fault that waits past them would otherwise be crowned.
            listener.phase(iteration, "horizon");
            CheckResult horizon;
            try {
                horizon = evaluator.atHorizon(candidate, evaluation);
            } catch (final Exception e) {
                horizon = CheckResult.undecided("horizon", "the gate at the horizon could not run: " + e, Map.of(), 0);
            }
            if (horizon != null && horizon.verdict() == Verdict.PASS) {
                rematched += String.format(Locale.ROOT, "held at the benchmark's horizon (aged %s s, %,d operations); ",
                    horizon.figures().get("lived_s"), ((Number) horizon.figures().getOrDefault("operations", 0))
                        .longValue());
            } else if (horizon != null) {
                outcome = Outcome.REJECTED_GATE;
                horizonFailure = horizon.check() + (horizon.verdict() == Verdict.FAIL ? "" : " (undecided)");
                rematched += "failed the gate at the benchmark's horizon: " + horizon.summary() + "; ";
            }
        }
        if (evaluation.passedGate() && !Double.isNaN(mops) && horizonFailure == null) {
            state.passed(plan.blueprint());
            sinceAudit.add(candidate);
        }
        if (outcome == Outcome.ACCEPTED) {
            final double before = state.bestMops();
            state.best(plan.blueprint(), crownedRuns, iteration);
            bestFirstRunAway = evaluation.placement() != null ? mops : Double.NaN;
            final double crowned = state.bestMops();
            final String decision = iteration == 1 ? "start from " + plan.blueprint().describe()
                : "keep " + plan.change() + String.format(Locale.ROOT, " (%.3f -> %.3f Mops/s, the median of %d "
                    + "runs)", before, crowned, crownedRuns.size());
            state.brief().current(plan.blueprint().describe(), crowned);
            state.brief().decide(decision);
            promote(candidate);
        }
        final List<String> gateFailures = new ArrayList<>(evaluation.gate() == null ? List.of()
            : evaluation.gate().failedChecks());
        if (horizonFailure != null) {
            gateFailures.add(horizonFailure);
        }
        final Attempt a = new Attempt(iteration, plan.blueprint().describe(), outcome,
            Double.isNaN(mops) ? null : mops, bestOrNull(), rematched + critique.diagnosis()
                + (evaluation.placement() == null ? "" : "; measured " + evaluation.placement().describe()),
            gateFailures, seconds(t0), costs.takeUsd());
        conclude(iteration, plan, a, critique);
    }

    /** Records the attempt, updates the whiteboard and brief, and writes every memory file. */
    private void conclude(final int iteration, final Plan plan, final Attempt attempt, final Critique critique)
        throws IOException {
        state.record(attempt);
        if (critique.ruleOut() && attempt.outcome() != Outcome.ACCEPTED) {
            state.whiteboard().ruleOut(new Whiteboard.Entry(iteration, plan.blueprint().key(),
                plan.blueprint().describe(), plan.change(), critique.diagnosis(), critique.evidence()));
        }
        final List<String> steps = new ArrayList<>();
        for (final Directive d : critique.directives()) {
            steps.add(d.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        state.brief().next(critique.diagnosis(), critique.directives(), steps);
        trajectory = trajectory.plus(attempt, bestStore());
        LoopPersistence.save(state, options.outDir(), plan);
        writeMemories();
        listener.attempted(attempt, critique);
    }

    private void audit() throws Exception {
        final Auditor.AuditReport report = auditor.audit(List.copyOf(sinceAudit), state);
        sinceAudit.clear();
        report.findings().forEach(f -> listener.note("auditor: " + f));
        for (final String key : report.flawedKeys()) {
            final Blueprint flawed = state.passed().stream().filter(b -> b.key().equals(key)).findFirst()
                .orElse(null);
            if (flawed == null) {
                continue;
            }
            state.whiteboard().ruleOut(new Whiteboard.Entry(state.iterationsDone(), key, flawed.describe(), "",
                "rejected by the auditor", String.join("; ", report.findings())));
            state.demote(flawed);
        }
        if (state.best() == null && !state.passed().isEmpty()) {
            listener.note("auditor rejected the best design; the search continues from the remaining ones");
        }
        writeMemories();
    }

    /** Copies the candidate's jar and source to {@code best/}. */
    private void promote(final Candidate c) throws IOException {
        final Path best = options.outDir().resolve("best");
        if (Files.exists(best)) {
            LoopPersistence.deleteTree(best);
        }
        Files.createDirectories(best.resolve("src"));
        Files.copy(c.compiled().jar(), best.resolve("store.jar"), StandardCopyOption.REPLACE_EXISTING);
        final Path src = c.dir().resolve(c.compiled().storeName()).resolve("src");
        if (Files.isDirectory(src)) {
            try (Stream<Path> files = Files.walk(src)) {
                for (final Path p : files.filter(Files::isRegularFile).toList()) {
                    final Path target = best.resolve("src").resolve(src.relativize(p));
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(best.resolve("DESIGN.txt"), c.plan().blueprint().describe() + "\n");
        LoopPersistence.writeDesign(c.plan().blueprint(), best.resolve(LoopPersistence.DESIGN_FILE));
    }

    private BestStore bestStore() {
        if (state.best() == null) {
            return null;
        }
        return new BestStore(state.bestIteration(), state.best().describe(), state.bestMops(), "best/store.jar",
            "best/src");
    }

    private Double bestOrNull() {
        return Double.isNaN(state.bestMops()) ? null : state.bestMops();
    }

    private void writeMemories() throws IOException {
        final Path out = options.outDir();
        state.brief().write(out.resolve("design-brief.md"));
        state.whiteboard().write(out.resolve("whiteboard.md"));
        if (trajectory != null) {
            TrajectoryIo.write(trajectory, out.resolve(TrajectoryIo.FILE_NAME));
        }
    }

    private static double seconds(final long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
