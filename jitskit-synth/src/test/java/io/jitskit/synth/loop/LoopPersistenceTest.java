package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state.json} keeps each built design as JSON, and a resumed run rebuilds them from it: an engine's first
 * design, a neighbour, a design that is no neighbour of anything built (a scripted or model's pick) and a design in
 * words all come back equal, with the store the best one generates unchanged.
 */
class LoopPersistenceTest {

    @TempDir
    Path dir;

    /** Saves a run of {@code plans} (each passes; the last engine design is the best) as the loop would. */
    private LoopState run(final Spec spec, final List<Plan> plans) throws IOException {
        final LoopState state = new LoopState(spec, dir);
        Trajectory t = Trajectory.of(spec.name(), "card.yaml", "2026-12-07T00:00:00Z", List.of(), null);
        double mops = 1;
        for (final Plan p : plans) {
            final int iteration = state.iterationsDone() + 1;
            state.markTried(p.blueprint());
            state.realized("source-" + iteration, iteration);
            state.passed(p.blueprint());
            if (!(p.blueprint() instanceof AgentBlueprint)) {
                state.best(p.blueprint(), ++mops, iteration);
            }
            final Attempt a = new Attempt(iteration, p.blueprint().describe(), Outcome.ACCEPTED, mops, mops, "ok",
                List.of(), 1, 0);
            state.record(a);
            t = t.plus(a, null);
            state.brief().decide("keep " + p.change());
            LoopPersistence.save(state, dir, p);
        }
        TrajectoryIo.write(t, dir.resolve(TrajectoryIo.FILE_NAME));
        return state;
    }

    private List<Plan> plans(final Spec spec) {
        final Design first = Design.initial(spec);
        final MemoryBlueprint firstBp = new MemoryBlueprint(first);
        final Blueprint neighbour = firstBp.neighbours().get(0);
        // Two knobs away from the first and from its neighbour: no replay of one-knob moves could find it.
        final MemoryBlueprint scripted = new MemoryBlueprint(first.withShards(first.shards() * 4)
            .withHugePages(!first.hugePages()));
        assertFalse(firstBp.neighbours().contains(scripted), "the premise: not a neighbour");
        final AgentBlueprint words = new AgentBlueprint("Cuckoo table with a stash\nTwo hash functions, 4-way"
            + " buckets, values inline.");
        return List.of(new Plan(firstBp, "rules", "initial", null),
            new Plan(neighbour, "explore", neighbour.changeFrom(firstBp), firstBp.key()),
            new Plan(words, "a model's design", "new design", neighbour.key()),
            new Plan(scripted, "scripted", "scripted", null));
    }

    @Test
    void aResumedRunRebuildsEveryDesignItBuiltWithoutReplayingMoves() throws Exception {
        final Spec spec = BlueprintJsonTest.card("resume", "{fixed: 100}", "checkpoint");
        final List<Plan> plans = plans(spec);
        final LoopState saved = run(spec, plans);

        final LoopState resumed = new LoopState(spec, dir);
        final Trajectory t = LoopPersistence.resume(resumed, dir, spec);
        assertEquals(plans.size(), t.iterations().size());
        assertEquals(plans.size(), resumed.iterationsDone());
        assertEquals(saved.passed(), resumed.passed(), "every passed design, in order, rebuilt equal");
        for (final Plan p : plans) {
            assertTrue(resumed.tried(p.blueprint().key()), p.blueprint().key());
        }
        assertEquals(saved.best(), resumed.best());
        assertEquals(saved.bestIteration(), resumed.bestIteration());
        assertEquals(saved.best().generate(spec), resumed.best().generate(spec),
            "the best design generates the same store after the resume");
        assertEquals(saved.realizationOf(2), resumed.realizationOf(2));
        assertEquals(saved.brief().decisions(), resumed.brief().decisions());
        final String json = Files.readString(dir.resolve(LoopPersistence.FILE));
        assertTrue(json.contains("\"schema\" : \"jitskit.design/1\"") && json.contains("Cuckoo table"), json);

        // The resumed run saves on as the first did: a second resume sees the same designs.
        final Plan next = new Plan(resumed.best().neighbours().get(0), "explore", "next", resumed.best().key());
        resumed.markTried(next.blueprint());
        resumed.record(new Attempt(5, next.blueprint().describe(), Outcome.SLOWER, 1.0, 5.0, "slower", List.of(), 1,
            0));
        LoopPersistence.save(resumed, dir, next);
        final LoopState again = new LoopState(spec, dir);
        LoopPersistence.resume(again, dir, spec);
        assertTrue(again.tried(next.blueprint().key()));
        assertEquals(saved.passed(), again.passed());
    }

    @Test
    void aDesignThatNoLongerRebuildsAsItsKeyIsRefusedWithTheIteration() throws Exception {
        final Spec spec = BlueprintJsonTest.card("tampered", "{fixed: 100}", "checkpoint");
        run(spec, plans(spec));
        final Path file = dir.resolve(LoopPersistence.FILE);
        Files.writeString(file, Files.readString(file).replaceFirst("\"shards\" : 1,", "\"shards\" : 2,"));
        final IOException e = assertThrows(IOException.class,
            () -> LoopPersistence.resume(new LoopState(spec, dir), dir, spec));
        assertTrue(e.getMessage().contains("the design of iteration 1 rebuilds as memory;slotBytes="), e.getMessage());
        assertTrue(e.getMessage().endsWith("start a new run with another --out directory"), e.getMessage());

        Files.writeString(file, Files.readString(file).replaceFirst("\"shards\" : 2,", "\"shards\" : \"two\","));
        final IOException bad = assertThrows(IOException.class,
            () -> LoopPersistence.resume(new LoopState(spec, dir), dir, spec));
        assertTrue(bad.getMessage().endsWith("state.json: the design of iteration 1: design JSON: knob 'shards' must"
            + " be a 32-bit integer (a power of two in [1, 1024]), was \"two\""), bad.getMessage());
    }

    @Test
    void aStateFileThatKeptMovesToReplayIsRefusedInOneLine() throws Exception {
        final Spec spec = BlueprintJsonTest.card("old", "{fixed: 100}", "checkpoint");
        run(spec, plans(spec));
        final Path file = dir.resolve(LoopPersistence.FILE);
        Files.writeString(file, Files.readString(file).replace(LoopPersistence.SCHEMA, "jitskit.synth-state/1"));
        final IOException e = assertThrows(IOException.class,
            () -> LoopPersistence.resume(new LoopState(spec, dir), dir, spec));
        assertEquals(file + ": written by an older jitskit (jitskit.synth-state/1, designs kept as moves to replay),"
            + " which this one does not resume; start a new run with another --out directory", e.getMessage());
    }
}
