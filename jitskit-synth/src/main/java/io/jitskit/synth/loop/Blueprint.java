package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.Knob;
import java.util.List;

/**
 * A design the offline engine can realize as source: the planner's unit of search.
 *
 * <p>{@link #key()} identifies a design canonically (equal designs, equal keys), so the whiteboard can rule it out
 * and the planner never proposes it twice. The kinds are closed: each engine's design, and a design a model planned in
 * words; {@link BlueprintJson} writes and reads every kind, so a run resumes its designs from {@code state.json}.
 */
public sealed interface Blueprint permits EngineBlueprint, AgentBlueprint {

    /** One line for people: the technique choices and their main parameters. */
    String describe();

    /** Canonical identity of the design. */
    String key();

    /** Which engine realizes it, e.g. {@code memory} or {@code log}. */
    String engine();

    /** Designs one knob away, each still within the card's budget. */
    List<Blueprint> neighbours();

    /**
     * The knobs this design changed relative to {@code from} (a neighbour of it), as {@code knob: old -> new} joined by
     * {@code ", "}, or an empty string when they are not designs of one engine.
     */
    String changeFrom(Blueprint from);

    /** The numeric value of a knob, for directional search; NaN when the knob is another engine's. */
    double knob(Knob<?> knob);

    /** Generates the store's source for {@code spec}. */
    GeneratedStore generate(Spec spec);
}
