package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.gate.CheckResult;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.PhaseResult;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import io.jitskit.synth.engine.Design;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the loop crowns a store, with the real engine and compiler but scripted measurements: a first run that beats
 * the best must also win a side-by-side rematch, and a design that generates the same source as one already measured
 * is skipped without taking an iteration.
 */
class SynthesisLoopRematchTest {

    @TempDir
    Path dir;

    @Test
    void aLuckyFirstRunLosesItsRematchAndARealGainIsCrownedWithBothRuns() throws Exception {
        final Spec spec = spec();
        final Design base = Design.initial(spec).withIndexing(Design.Indexing.POWER_OF_TWO);
        final List<Design> plans = List.of(
            base,
            base.withMaxLoadFactor(0.6),          // rounds to the same table as base: the same store
            base.withShards(2),                   // first run 12 beats 10, but the pairs say about 9 against 11
            base.withShards(4));                  // first run 13, pairs about 14 against 12: crowned at the median
        assertEquals(base.slotCount(), plans.get(1).slotCount(), "the premise: both round to one table");
        final ScriptedEvaluator evaluator = new ScriptedEvaluator(List.of(10.0, 12.0, 13.0),
            List.of(new Rematch(new double[] {9, 9.5, 9.2}, new double[] {11, 11, 10.8}),
                new Rematch(new double[] {14, 14.2, 13.9}, new double[] {12, 12.1, 11.9})));
        final List<String> notes = new ArrayList<>();
        final Path out = dir.resolve("run");
        final SynthesisOptions options = new SynthesisOptions(dir.resolve("card.yaml"), out, 3, Duration.ofMinutes(10),
            Duration.ofSeconds(1), 100, List.of(), 1);
        final Trajectory t = new SynthesisLoop(spec, options, new ScriptedPlanner(plans), new OfflineCoder(spec),
            evaluator, new OfflineCritic(), (candidates, state) -> new Auditor.AuditReport(List.of(), List.of(), List.of()),
            new LoopListener() {
                @Override
                public void note(final String message) {
                    notes.add(message);
                }
            }).run();

        final List<Attempt> it = t.iterations();
        assertEquals(3, it.size(), "the twin of iteration 1 takes no iteration: " + notes);
        assertTrue(notes.stream().anyMatch(n -> n.contains("the same store as iteration 1")), notes.toString());
        assertEquals(List.of(Outcome.ACCEPTED, Outcome.SLOWER, Outcome.ACCEPTED),
            it.stream().map(Attempt::outcome).toList());
        assertTrue(it.get(1).reason().contains("lost the rematch"), it.get(1).reason());
        assertEquals(10.9, it.get(1).bestSoFar(), 1e-9,
            "a lost rematch keeps the best, whose figure is the median of all its runs: 10, 11, 11, 10.8");
        assertEquals(13.95, it.get(2).bestSoFar(), 1e-9, "the crowned figure is the median of 13, 14, 14.2, 13.9");
        assertEquals(3, t.best().iteration());
        assertEquals(2, evaluator.rematches, "only challengers that measured faster are rematched");
        assertTrue(Files.exists(out.resolve("best/store.jar")));
        assertEquals(new MemoryBlueprint(plans.get(3)), BlueprintJson.read(new ObjectMapper().readTree(
            out.resolve("best/design.json").toFile()), spec), "best/design.json is the crowned design");
    }

    @Test
    void aGainThePairsCannotSeparateFromNoiseIsATieOnTheWhiteboard() throws Exception {
        final Spec spec = spec();
        final Design base = Design.initial(spec).withIndexing(Design.Indexing.POWER_OF_TWO);
        final ScriptedEvaluator evaluator = new ScriptedEvaluator(List.of(10.0, 12.0),
            List.of(new Rematch(new double[] {12, 9.5, 11}, new double[] {10, 10.2, 10})));
        final Path out = dir.resolve("tie");
        final SynthesisOptions options = new SynthesisOptions(dir.resolve("card.yaml"), out, 2, Duration.ofMinutes(10),
            Duration.ofSeconds(1), 100, List.of(), 1);
        final Trajectory t = new SynthesisLoop(spec, options, new ScriptedPlanner(List.of(base, base.withShards(2))),
            new OfflineCoder(spec), evaluator, new OfflineCritic(),
            (candidates, state) -> new Auditor.AuditReport(List.of(), List.of(), List.of()), new LoopListener() { })
            .run();
        assertEquals(Outcome.SLOWER, t.iterations().get(1).outcome(), "a tie does not crown");
        assertTrue(t.iterations().get(1).reason().contains("tied the rematch"), t.iterations().get(1).reason());
        final String whiteboard = Files.readString(out.resolve("whiteboard.md"));
        assertTrue(whiteboard.contains("a tie with the best") && whiteboard.contains("12.000/10.000"), whiteboard);
    }

    @Test
    void aChallengerThatFailsTheGateAtTheHorizonIsNotCrowned() throws Exception {
        final Spec spec = spec();
        final Design base = Design.initial(spec).withIndexing(Design.Indexing.POWER_OF_TWO);
        final ScriptedEvaluator evaluator = new ScriptedEvaluator(List.of(10.0, 14.0),
            List.of(new Rematch(new double[] {14, 14.2, 13.9}, new double[] {10, 10.1, 9.9})));
        evaluator.horizonFailsAt = 2;
        final Path out = dir.resolve("horizon");
        final SynthesisOptions options = new SynthesisOptions(dir.resolve("card.yaml"), out, 2, Duration.ofMinutes(10),
            Duration.ofSeconds(1), 100, List.of(), 1);
        final Trajectory t = new SynthesisLoop(spec, options, new ScriptedPlanner(List.of(base, base.withShards(2))),
            new OfflineCoder(spec), evaluator, new OfflineCritic(),
            (candidates, state) -> new Auditor.AuditReport(List.of(), List.of(), List.of()), new LoopListener() { })
            .run();
        final Attempt second = t.iterations().get(1);
        assertEquals(Outcome.REJECTED_GATE, second.outcome(), "won its rematch, failed at the horizon");
        assertTrue(second.gateFailures().contains("horizon"), second.gateFailures().toString());
        assertTrue(second.reason().contains("horizon"), second.reason());
        assertEquals(1, t.best().iteration(), "the best stays the store that passed at the horizon");
        assertEquals(2, evaluator.horizons, "both candidates about to be crowned were checked at the horizon");
    }

    private Spec spec() throws Exception {
        return SpecParser.parse("""
            name: rematch-card
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

    /** Passes every candidate and hands out the scripted throughputs and rematches in order. */
    private static final class ScriptedEvaluator implements Evaluator {

        private final Deque<Double> firstRuns;
        private final Deque<Rematch> rematchResults;
        int rematches;
        int horizons;
        /** The horizon check (counted from 1) that fails; 0 for none. */
        int horizonFailsAt;

        ScriptedEvaluator(final List<Double> firstRuns, final List<Rematch> rematches) {
            this.firstRuns = new ArrayDeque<>(firstRuns);
            this.rematchResults = new ArrayDeque<>(rematches);
        }

        @Override
        public Evaluation evaluate(final Candidate candidate) {
            final double mops = firstRuns.remove();
            final long ops = (long) (mops * 1e6);
            final PhaseResult run = new PhaseResult("run", ops, 1_000_000_000L, Map.of("read", ops), Map.of(),
                List.of(), ops, 0, 0, List.of(), null, null);
            final BenchResult bench = new BenchResult(BenchResult.SCHEMA, "s", "f", new BenchResult.StoreSummary("s",
                "checkpoint", Map.of()), 2, 1, "t", null, run, new BenchResult.MemorySummary(1000, 100, 0, 10,
                List.of(), null), Map.of(), Map.of(), "ok", null);
            return new Evaluation(candidate, new GateOutcome(true, List.of(), "ok", candidate.dir()), bench);
        }

        @Override
        public Rematch rematch(final Candidate challenger, final Path incumbentJar) {
            assertTrue(Files.exists(incumbentJar), "the incumbent is the promoted best jar");
            rematches++;
            return rematchResults.remove();
        }

        @Override
        public CheckResult atHorizon(final Candidate candidate, final Evaluation evaluation) {
            horizons++;
            return horizons == horizonFailsAt
                ? CheckResult.fail("horizon", "stale read after 31 s", Map.of(), null, 0)
                : CheckResult.pass("horizon", "aged and checked", Map.of(), 0);
        }
    }
}
