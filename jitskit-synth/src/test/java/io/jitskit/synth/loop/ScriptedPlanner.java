package io.jitskit.synth.loop;

import io.jitskit.synth.engine.Design;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A planner for the loop's tests: proposes the given designs in order, then nothing. */
final class ScriptedPlanner implements Planner {

    private final Deque<Design> designs;

    ScriptedPlanner(final List<Design> designs) {
        this.designs = new ArrayDeque<>(designs);
    }

    @Override
    public Plan propose(final LoopState state) {
        final Design d = designs.poll();
        return d == null ? null : new Plan(new MemoryBlueprint(d), "scripted", "scripted " + d.code(), null);
    }
}
