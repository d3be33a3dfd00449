package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.gate.CheckResult;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.PhaseResult;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import io.jitskit.synth.engine.Design;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop in rounds, with the real engine and compiler but scripted measurements: it proposes as many designs as
 * the executor runs at once, and folds their results in proposal order, so a round whose evaluations finish in
 * reverse order ends in the same trajectory as one whose finish in order; a rematch waits until the round's other
 * evaluations are done.
 */
class SynthesisLoopRoundsTest {

    @TempDir
    Path dir;

    /** Throughput by iteration: 2 beats 1, 3 loses, 4 beats 2; every rematch confirms the challenger. */
    private static final Map<Integer, Double> MOPS = Map.of(1, 10.0, 2, 12.0, 3, 9.0, 4, 14.0);

    @Test
    void resultsAreFoldedInProposalOrderWhicheverFinishesFirst() throws Exception {
        final List<String> inOrder = Collections.synchronizedList(new ArrayList<>());
        final Trajectory a = run("in-order", false, inOrder);
        final List<String> reversed = Collections.synchronizedList(new ArrayList<>());
        final Trajectory b = run("reversed", true, reversed);

        assertEquals(4, a.iterations().size());
        assertEquals(summary(a), summary(b), "the same results make the same trajectory, whatever the finishing order");
        assertEquals(4, b.best().iteration());
        assertEquals(List.of("submit 1", "submit 2", "done 2", "done 1", "rematch 2", "submit 3", "submit 4",
            "done 4", "done 3", "rematch 4"), reversed,
            "two designs per round, both submitted before either is folded; the rematch of 2 waits for the round");
    }

    @Test
    void aFirstRunMeasuredAwayIsHeldToTheBestsFirstRunNotToItsRematchRuns() throws Exception {
        final Spec spec = spec();
        final Design base = Design.initial(spec).withIndexing(Design.Indexing.POWER_OF_TWO);
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        // First runs on a slot (half the machine): 5, 6, 7; rematch runs here, on the whole machine, twice that.
        final ScriptedEvaluator evaluator = new ScriptedEvaluator(events, Map.of(1, 5.0, 2, 6.0, 3, 7.0), 2);
        final Executor away = new Executor() {
            @Override
            public int slots() {
                return 1;
            }

            @Override
            public Future<Evaluation> submit(final Candidate candidate) {
                final Evaluation e = evaluator.evaluate(candidate);
                return CompletableFuture.completedFuture(new Evaluation(candidate, e.gate(), e.bench(),
                    new Placement("slot", 1.0, List.of("pid 1 on cores 0 completed"))));
            }

            @Override
            public String describe() {
                return "away";
            }
        };
        final SynthesisOptions options = new SynthesisOptions(dir.resolve("card.yaml"), dir.resolve("away"), 3,
            Duration.ofMinutes(10), Duration.ofSeconds(1), 100, List.of(), 1);
        final Trajectory t = new SynthesisLoop(spec, options,
            new ScriptedPlanner(List.of(base, base.withShards(2), base.withShards(4))), new OfflineCoder(spec),
            evaluator, new OfflineCritic(), (candidates, state) -> new Auditor.AuditReport(List.of(), List.of(),
            List.of()), new LoopListener() { }, CostMeter.FREE, away).run();
        assertEquals(List.of("rematch 2", "rematch 3"), events, "7 beats the best's first run (6), though not its "
            + "figure (the median of 6, 12, 12.1, 11.9): it is rematched");
        assertEquals(3, t.best().iteration());
        assertTrue(t.iterations().get(2).reason().contains("measured on slot (calibration 1.000 Mops/s)"),
            t.iterations().get(2).reason());
    }

    @Test
    void localSlotsCutTheCpusIntoDisjointSetsAndRefuseWhatDoesNotFit() throws Exception {
        assertEquals(List.of(0, 1, 2, 5, 8, 9), LocalSlots.parseCpuList("0-2,5,8-9"));
        assertEquals(List.of("0,1", "2,5", "8,9"), LocalSlots.coreSets(List.of(0, 1, 2, 5, 8, 9), 3));
        assertEquals(List.of("0", "1,2"), LocalSlots.coreSets(List.of(0, 1, 2), 2));
        final HarnessEvaluator evaluator = new HarnessEvaluator(spec(), dir.resolve("card.yaml"), null,
            io.jitskit.gate.GateLevel.QUICK, io.jitskit.harness.driver.ProgressListener.NONE);
        final IllegalArgumentException cores = assertThrows(IllegalArgumentException.class,
            () -> LocalSlots.start(evaluator, 3, List.of(0, 1), 0));
        assertTrue(cores.getMessage().contains("give local:2 or fewer"), cores.getMessage());
        final IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
            () -> LocalSlots.start(evaluator, 2, List.of(0, 1), 700L << 20));
        assertEquals("--executor local:2: each slot needs the card's memory budget (512 MiB) and 700 MiB are "
            + "available; give local:1 or fewer", memory.getMessage());
        final IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
            () -> Executor.of("local:two", evaluator, 1));
        assertTrue(word.getMessage().startsWith("--executor local:two: "), word.getMessage());
        try (Executor two = LocalSlots.start(evaluator, 2, List.of(0, 1), 4L << 30)) {
            assertEquals("local:2", two.describe());
            assertEquals(2, two.slots());
        }
    }

    private static List<String> summary(final Trajectory t) {
        return t.iterations().stream().map(i -> i.iteration() + " " + i.outcome() + " " + i.mops() + " "
            + i.bestSoFar()).toList();
    }

    private Trajectory run(final String name, final boolean reverse, final List<String> events) throws Exception {
        final Spec spec = spec();
        final Design base = Design.initial(spec).withIndexing(Design.Indexing.POWER_OF_TWO);
        final List<Design> plans = List.of(base, base.withShards(2), base.withShards(4), base.withShards(8));
        final ScriptedEvaluator evaluator = new ScriptedEvaluator(events);
        final SynthesisOptions options = new SynthesisOptions(dir.resolve("card.yaml"), dir.resolve(name), 4,
            Duration.ofMinutes(10), Duration.ofSeconds(1), 100, List.of(), 1);
        return new SynthesisLoop(spec, options, new ScriptedPlanner(plans), new OfflineCoder(spec), evaluator,
            new OfflineCritic(), (candidates, state) -> new Auditor.AuditReport(List.of(), List.of(), List.of()),
            new LoopListener() { }, CostMeter.FREE, new Rounds(evaluator, reverse, events)).run();
    }

    /**
     * Two evaluations at once, each on a thread of its own; with {@code reverse}, the first of a round finishes only
     * after the second has.
     */
    private static final class Rounds implements Executor {

        private final Evaluator evaluator;
        private final boolean reverse;
        private final List<String> events;
        private CompletableFuture<Evaluation> first;

        Rounds(final Evaluator evaluator, final boolean reverse, final List<String> events) {
            this.evaluator = evaluator;
            this.reverse = reverse;
            this.events = events;
        }

        @Override
        public int slots() {
            return 2;
        }

        @Override
        public Future<Evaluation> submit(final Candidate candidate) {
            events.add("submit " + candidate.iteration());
            final boolean second = candidate.iteration() % 2 == 0;
            final CompletableFuture<Evaluation> before = first;
            final CompletableFuture<Evaluation> f = CompletableFuture.supplyAsync(() -> {
                try {
                    if (second && !reverse) {
                        before.join();
                    }
                    if (!second && reverse) {
                        Thread.sleep(300); // the second of the round is submitted and finishes meanwhile
                    }
                    final Evaluation e = evaluator.evaluate(candidate);
                    events.add("done " + candidate.iteration());
                    return e;
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofPlatform().start(r)); // a thread each: a common pool of one on two cores would serialize
            if (!second) {
                first = f;
            } else if (reverse) {
                f.join(); // finished before the first of its round
            }
            return f;
        }

        @Override
        public String describe() {
            return reverse ? "reversed" : "in order";
        }
    }

    /** Passes every candidate at its iteration's throughput; every rematch confirms the challenger. */
    private static final class ScriptedEvaluator implements Evaluator {

        private final List<String> events;
        private final Map<Integer, Double> mops;
        /** How much faster a rematch run is than a first run (a slot measures on a share of the machine). */
        private final double rematchScale;

        ScriptedEvaluator(final List<String> events) {
            this(events, MOPS, 1);
        }

        ScriptedEvaluator(final List<String> events, final Map<Integer, Double> mops, final double rematchScale) {
            this.events = events;
            this.mops = mops;
            this.rematchScale = rematchScale;
        }

        @Override
        public Evaluation evaluate(final Candidate candidate) {
            final long ops = (long) (mops.get(candidate.iteration()) * 1e6);
            final PhaseResult run = new PhaseResult("run", ops, 1_000_000_000L, Map.of("read", ops), Map.of(),
                List.of(), ops, 0, 0, List.of(), null, null);
            final BenchResult bench = new BenchResult(BenchResult.SCHEMA, "s", "f", new BenchResult.StoreSummary("s",
                "checkpoint", Map.of()), 2, 1, "t", null, run, new BenchResult.MemorySummary(1000, 100, 0, 10,
                List.of(), null), Map.of(), Map.of(), "ok", null);
            return new Evaluation(candidate, new GateOutcome(true, List.of(), "ok", candidate.dir()), bench);
        }

        @Override
        public Rematch rematch(final Candidate challenger, final Path incumbentJar) {
            events.add("rematch " + challenger.iteration());
            final double m = mops.get(challenger.iteration()) * rematchScale;
            return new Rematch(new double[] {m, m + 0.1, m - 0.1}, new double[] {m - 2, m - 1.9, m - 2.1});
        }

        @Override
        public CheckResult atHorizon(final Candidate candidate, final Evaluation evaluation) {
            return CheckResult.pass("horizon", "aged and checked", Map.of(), 0);
        }
    }

    private Spec spec() throws Exception {
        return SpecParser.parse("""
            name: rounds-card
            environment: {memory-budget: 512MiB, threads: 2, storage: {dir: %s}}
            workload:
              keys: {count: 1000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
              run: {duration: 1s}
            requirements: {operations: [read, upsert, rmw, delete], durability: checkpoint}
            """.formatted(dir.resolve("data")), dir.resolve("card.yaml"));
    }
}
