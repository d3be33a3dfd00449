package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.MetricNames;
import io.jitskit.gate.check.CheckpointPauseProbe;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.PhaseResult;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.CompiledStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineCriticTest {

    @TempDir
    Path dir;

    private Evaluation evaluation(final double mops, final Map<String, Double> metrics,
                                  final Map<String, Double> indicators, final long peak) throws Exception {
        return evaluation(mops, metrics, indicators, peak, new GateOutcome(true, List.of(), "ok", dir));
    }

    private Evaluation evaluation(final double mops, final Map<String, Double> metrics,
                                  final Map<String, Double> indicators, final long peak, final GateOutcome gate)
        throws Exception {
        final Blueprint b = Engines.initial(OfflinePlannerTest.spec());
        final Candidate c = new Candidate(2, new Plan(b, "", "slotBytes: 120 -> 32", "parent"), dir,
            new CompiledStore(true, dir.resolve("x.jar"), "p.P", "s", List.of(), 1));
        final long ops = (long) (mops * 1e6);
        final PhaseResult run = new PhaseResult("run", ops, 1_000_000_000L, Map.of("read", ops), Map.of(),
            List.of(), ops, 0, 0, List.of(), null, null);
        final BenchResult bench = new BenchResult(BenchResult.SCHEMA, "s", "f", new BenchResult.StoreSummary("s",
            "checkpoint", Map.of()), 2, 1, "t", null, run, new BenchResult.MemorySummary(1000, peak, 0, 10,
            List.of(), null), indicators, metrics, "ok", null);
        return new Evaluation(c, gate, bench);
    }

    /** The planner's card with its checkpoints' writer pause bounded at 10 ms. */
    private static Spec bounded() throws Exception {
        final Spec spec = OfflinePlannerTest.spec();
        return spec.withRequirements(spec.requirements().withDurability(
            Durability.checkpoint(Duration.ofSeconds(1), Duration.ofMillis(10))));
    }

    @Test
    void theGatesWriterPauseIsReadAgainstTheCardsBound() throws Exception {
        final LoopState state = new LoopState(bounded(), dir);
        final Critique calm = new OfflineCritic().review(evaluation(5, Map.of(), Map.of(), 100,
            new GateOutcome(true, List.of(), "ok", dir, 2.0)), state);
        assertTrue(calm.evidence().contains("writer pause 2.0 of 10.0 ms"), calm.evidence());
        assertFalse(calm.directives().contains(Directive.SHORTER_PAUSE), calm.directives().toString());
        final Critique near = new OfflineCritic().review(evaluation(5, Map.of(), Map.of(), 100,
            new GateOutcome(true, List.of(), "ok", dir, 8.0)), state);
        assertTrue(near.diagnosis().contains("checkpoints stall writers 8.0 ms, 80% of the card's max-writer-pause"),
            near.diagnosis());
        assertEquals(List.of(Directive.SHORTER_PAUSE), near.directives());
        final Critique unbounded = new OfflineCritic().review(evaluation(5, Map.of(), Map.of(), 100,
            new GateOutcome(true, List.of(), "ok", dir, 8.0)), new LoopState(OfflinePlannerTest.spec(), dir));
        assertFalse(unbounded.evidence().contains("writer pause"), "a card without the bound keeps today's reading: "
            + unbounded.evidence());
    }

    @Test
    void aStoreOverTheCardsWriterPauseIsToldToShortenIt() throws Exception {
        final GateOutcome over = new GateOutcome(false, List.of(CheckpointPauseProbe.NAME), "writers stalled 40.0 ms "
            + "during checkpoints, over " + CheckpointPauseProbe.FIELD + " 10.0 ms", dir, 40.0);
        final Critique c = new OfflineCritic().review(evaluation(5, Map.of(), Map.of(), 100, over),
            new LoopState(bounded(), dir));
        assertTrue(c.ruleOut());
        assertEquals(List.of(Directive.SHORTER_PAUSE), c.directives());
        assertTrue(c.evidence().contains("over " + CheckpointPauseProbe.FIELD), c.evidence());
    }

    @Test
    void aCrowdedIndexIsNamedAndSpreadingIsAdvised() throws Exception {
        final Critique c = new OfflineCritic().review(evaluation(5, Map.of("index.probe_length.mean", 3.2,
            "index.load_factor", 0.93), Map.of(), 100), new LoopState(OfflinePlannerTest.spec(), dir));
        assertTrue(c.diagnosis().contains("index is crowded"), c.diagnosis());
        assertEquals(Directive.SPREAD_INDEX, c.directives().get(0));
        assertFalse(c.ruleOut());
    }

    @Test
    void chainsLinearProbingExpectsAtAModerateLoadAreNotACrowd() throws Exception {
        // Expected successful search at load 0.6 is 1.75 probes: 1.96 is the table working as designed.
        final Critique c = new OfflineCritic().review(evaluation(5, Map.of("index.probe_length.mean", 1.96,
            "index.load_factor", 0.60), Map.of(), 100), new LoopState(OfflinePlannerTest.spec(), dir));
        assertFalse(c.diagnosis().contains("crowded"), c.diagnosis());
        final Critique clustered = new OfflineCritic().review(evaluation(5, Map.of("index.probe_length.mean", 3.5,
            "index.load_factor", 0.60), Map.of(), 100), new LoopState(OfflinePlannerTest.spec(), dir));
        assertTrue(clustered.diagnosis().contains("crowded"), "twice the expectation: " + clustered.diagnosis());
    }

    @Test
    void lowHitRatioWithEvictionsMeansTheWorkingSetExceedsTheCache() throws Exception {
        final Critique c = new OfflineCritic().review(evaluation(1, Map.of("cache.hit_ratio", 0.3,
            "cache.evictions", 5000.0), Map.of(), 100), new LoopState(OfflinePlannerTest.spec(), dir));
        assertTrue(c.diagnosis().contains("working set exceeds the cache"), c.diagnosis());
        assertTrue(c.directives().contains(Directive.BIGGER_CACHE));
    }

    @Test
    void aHitRatioAloneIsNotADiagnosis() throws Exception {
        final Critique c = new OfflineCritic().review(evaluation(1, Map.of("cache.hit_ratio", 0.3), Map.of(), 100),
            new LoopState(OfflinePlannerTest.spec(), dir));
        assertFalse(c.diagnosis().contains("working set"), "no evictions: the cache is not the problem");
    }

    @Test
    void aRegressionIsRuledOutWithItsFigures() throws Exception {
        final LoopState state = new LoopState(OfflinePlannerTest.spec(), dir);
        state.best(Engines.initial(OfflinePlannerTest.spec()), 10, 1);
        final Critique c = new OfflineCritic().review(evaluation(5, Map.of(), Map.of(), 100), state);
        assertTrue(c.ruleOut());
        assertTrue(c.diagnosis().contains("regressed throughput 10.000 -> 5.000"), c.diagnosis());
    }

    @Test
    void nearTheBudgetMemoryComesFirst() throws Exception {
        final Critique c = new OfflineCritic().review(evaluation(5, Map.of("index.probe_length.mean", 3.0), Map.of(),
            950), new LoopState(OfflinePlannerTest.spec(), dir));
        assertEquals(Directive.REDUCE_MEMORY, c.directives().get(0), c.directives().toString());
        assertTrue(c.diagnosis().contains("memory peak 95%"), c.diagnosis());
    }

    @Test
    void aLongCheckpointPauseAdvisesAShorterPause() throws Exception {
        final Critique c = new OfflineCritic().review(evaluation(5, Map.of(MetricNames.CHECKPOINT_PAUSE_MAX_MS, 250.0),
            Map.of(), 100), new LoopState(OfflinePlannerTest.spec(), dir));
        assertTrue(c.diagnosis().contains("checkpoints stall writers for 250.00 ms"), c.diagnosis());
        assertEquals(List.of(Directive.SHORTER_PAUSE), c.directives());
        final Critique brief = new OfflineCritic().review(evaluation(5, Map.of(MetricNames.CHECKPOINT_PAUSE_MAX_MS,
            20.0, "checkpoint.pause_ms.last", 400.0), Map.of(), 100), new LoopState(OfflinePlannerTest.spec(), dir));
        assertFalse(brief.diagnosis().contains("stall"), "the longest pause counts, not another figure: "
            + brief.diagnosis());
    }

    @Test
    void parkingTheStoreExplainsAsWaitsForCompactionIsNotCalledLockContention() throws Exception {
        final Map<String, Double> parked = Map.of("cpu.worker_utilization", 0.5, "lock.park.total_ms", 600.0);
        final LoopState state = new LoopState(OfflinePlannerTest.spec(), dir);
        // One 1-second run on 2 threads: 400 ms of waits is a fifth of the session time.
        final Critique explained = new OfflineCritic().review(evaluation(1, Map.of("wait.disk_ms", 400.0,
            "wait.quiesce_ms", 0.0), parked, 100), state);
        assertTrue(explained.diagnosis().contains("the log outgrows compaction"), explained.diagnosis());
        assertFalse(explained.diagnosis().contains("lock contention"), explained.diagnosis());
        assertEquals(Directive.LOOSER_COMPACTION, explained.directives().get(0));
        final Critique unexplained = new OfflineCritic().review(evaluation(1, Map.of("wait.disk_ms", 10.0), parked,
            100), state);
        assertTrue(unexplained.diagnosis().contains("lock contention"), unexplained.diagnosis());
    }
}
