package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflinePlannerTest {

    @TempDir
    Path dir;

    /** 300K keys: the table sits near its 0.7 load, so a lower load is a larger table (at 200K it would not be). */
    static Spec spec() throws Exception {
        return SpecParser.parse("""
            name: planner-card
            environment: {memory-budget: 1GiB, threads: 2, storage: {dir: /tmp/jitskit/planner-card}}
            workload:
              keys: {count: 300K}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
            requirements: {operations: [read, upsert, rmw, delete], durability: checkpoint}
            """, Path.of("planner-card.yaml"));
    }

    @Test
    void firstPlanIsTheEnginesDesignForTheCards() throws Exception {
        final LoopState state = new LoopState(spec(), dir);
        final Plan plan = new OfflinePlanner(Engines::initial).propose(state);
        assertEquals(Engines.initial(spec()).key(), plan.blueprint().key());
        assertNull(plan.parentKey());
    }

    @Test
    void directivesPickTheNeighbourThatMovesTheirWay() throws Exception {
        final LoopState state = afterAcceptedInitialDesign();
        final Blueprint first = state.best();
        state.brief().next("long probe chains", List.of(Directive.SPREAD_INDEX), List.of());
        final Plan plan = new OfflinePlanner(Engines::initial).propose(state);
        assertNotNull(plan);
        assertTrue(Directive.SPREAD_INDEX.score(first, plan.blueprint()) > 0,
            "spreading the index lowers the load factor: " + plan.change());
        assertEquals(first.key(), plan.parentKey());
    }

    @Test
    void neverProposesWhatIsTriedOrRuledOut() throws Exception {
        final LoopState state = afterAcceptedInitialDesign();
        final Blueprint first = state.best();
        final List<Blueprint> neighbours = first.neighbours();
        for (int i = 0; i < neighbours.size(); i++) {
            final Plan plan = new OfflinePlanner(Engines::initial).propose(state);
            assertNotNull(plan, "neighbour " + i + " of " + neighbours.size());
            assertTrue(!state.tried(plan.blueprint().key()));
            if (i % 2 == 0) {
                state.markTried(plan.blueprint());
            } else {
                state.whiteboard().ruleOut(new Whiteboard.Entry(i, plan.blueprint().key(), "", "", "test", ""));
            }
        }
        assertNull(new OfflinePlanner(Engines::initial).propose(state), "the neighbourhood is exhausted");
    }

    @Test
    void whenTheFirstDesignFailsTheGateItsNeighboursAreTried() throws Exception {
        final LoopState state = new LoopState(spec(), dir);
        final Blueprint first = Engines.initial(spec());
        state.markTried(first);
        state.whiteboard().ruleOut(new Whiteboard.Entry(1, first.key(), "", "", "rejected-gate", ""));
        assertTrue(state.passed().isEmpty(), "precondition: nothing passed");

        final Plan plan = new OfflinePlanner(Engines::initial).propose(state);
        assertNotNull(plan, "a gate failure of the first design does not end the search");
        assertTrue(first.neighbours().stream().anyMatch(n -> n.key().equals(plan.blueprint().key())),
            plan.change());
    }

    @Test
    void aChangeThatLostFromAnotherDesignIsTriedLast() throws Exception {
        final LoopState state = afterAcceptedInitialDesign();
        final Blueprint first = state.best();
        final Plan unruled = new OfflinePlanner(Engines::initial).propose(state);
        // The same move lost before, from some other design: the planner now prefers any untested move.
        state.whiteboard().ruleOut(new Whiteboard.Entry(2, "elsewhere", "another design", unruled.change(), "slower",
            ""));
        final Plan next = new OfflinePlanner(Engines::initial).propose(state);
        assertNotNull(next);
        assertTrue(!next.change().equals(unruled.change()), unruled.change() + " is proposed again");
        assertTrue(first.neighbours().stream().anyMatch(n -> n.key().equals(unruled.blueprint().key())),
            "it stays a neighbour, only last in line");
    }

    @Test
    void cardsThatDoNotFitMemoryGetTheLogEngine() throws Exception {
        final Spec big = SpecParser.parse("""
            name: spill-card
            environment: {memory-budget: 256MiB, threads: 2, storage: {dir: /tmp/jitskit/spill-card}}
            workload:
              keys: {count: 2M}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
            requirements: {operations: [read, upsert, rmw, delete], durability: checkpoint}
            """, Path.of("spill-card.yaml"));
        assertEquals("log", Engines.initial(big).engine());
        assertEquals("memory", Engines.initial(spec()).engine());
    }

    /** A run after one iteration: the engine's initial design, built, passed and accepted as the best. */
    private LoopState afterAcceptedInitialDesign() throws Exception {
        final LoopState state = new LoopState(spec(), dir);
        final Blueprint first = Engines.initial(spec());
        state.markTried(first);
        state.passed(first);
        state.best(first, 1.0, 1);
        state.record(new io.jitskit.report.synth.Attempt(1, first.describe(),
            io.jitskit.report.synth.Outcome.ACCEPTED, 1.0, 1.0, "", List.of(), 1, 0));
        return state;
    }
}
