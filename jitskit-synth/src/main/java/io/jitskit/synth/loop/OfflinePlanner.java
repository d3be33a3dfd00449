package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in planner: starts from the engine's rule-derived design for the cards, then moves one knob at a time
 * from the best design so far, in the direction the critic's directives point.
 *
 * <p>Among the untried, not ruled-out neighbours of the best design, it takes the one whose change scores highest
 * against the brief's directives (ties: the engine's own order, which lists the most promising knobs first); a change
 * that already lost from another design (the same {@code knob: old -> new} on the whiteboard) comes last. When
 * the best design's neighbourhood is exhausted it backtracks to other designs that passed the gate, so one dead end
 * does not end the search; when nothing is left, it says so.
 */
public final class OfflinePlanner implements Planner {

    private final Function<Spec, Blueprint> initial;

    /** @param initial the engine's first design for a spec (throws with the figures when none fits) */
    public OfflinePlanner(final Function<Spec, Blueprint> initial) {
        this.initial = initial;
    }

    @Override
    public Plan propose(final LoopState state) {
        if (state.iterationsDone() == 0 || (state.best() == null && state.passed().isEmpty())) {
            final Blueprint first = initial.apply(state.spec());
            if (!state.tried(first.key())) {
                return new Plan(first, "the engine's rule-derived design for these cards", "initial", null);
            }
        }
        final List<Directive> directives = state.brief().directives();
        final Blueprint from = state.best();
        if (from != null) {
            final Plan p = bestNeighbour(from, directives, state);
            if (p != null) {
                return p;
            }
        }
        // Backtrack: the most recently passed designs first.
        final List<Blueprint> passed = state.passed();
        for (int i = passed.size() - 1; i >= 0; i--) {
            final Plan p = bestNeighbour(passed.get(i), directives, state);
            if (p != null) {
                return p;
            }
        }
        if (passed.isEmpty()) {
            // Nothing passed the gate yet: a failure may belong to one knob of the first design (an index sized too
            // tight, a checkpoint mode), so its neighbours are still worth their iterations.
            return bestNeighbour(initial.apply(state.spec()), directives, state);
        }
        return null;
    }

    private static Plan bestNeighbour(final Blueprint from, final List<Directive> directives,
                                      final LoopState state) {
        final List<Blueprint> options = from.neighbours().stream()
            .filter(n -> !state.tried(n.key()) && !state.whiteboard().isRuledOut(n.key()))
            .toList();
        if (options.isEmpty()) {
            return null;
        }
        // Changes that already lost elsewhere go last; then the brief's score; stable, so ties keep the engine's order.
        final Blueprint pick = options.stream()
            .sorted(Comparator.comparing((Blueprint n) -> state.whiteboard().ruledOutChange(n.changeFrom(from)))
                .thenComparingInt(n -> -score(directives, from, n)))
            .findFirst().orElseThrow();
        final int score = score(directives, from, pick);
        final String change = pick.changeFrom(from);
        final String why = score > 0
            ? "follows the brief (" + directives.get(0).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + "): " + change
            : "explores the next untried knob: " + change;
        return new Plan(pick, why, change, from.key());
    }

    /** Directives earlier in the list weigh more. */
    private static int score(final List<Directive> directives, final Blueprint from, final Blueprint to) {
        int s = 0;
        for (int i = 0; i < directives.size(); i++) {
            s += directives.get(i).score(from, to) * (directives.size() - i);
        }
        return s;
    }
}
