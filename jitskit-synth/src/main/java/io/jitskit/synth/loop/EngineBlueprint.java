package io.jitskit.synth.loop;

import java.util.Map;
import java.util.Set;

/**
 * A blueprint over an engine's design record: the key, the one-knob difference and the knob values all come from the
 * record's components (see {@link RecordKnobs}), so an engine only says how to describe, mutate and generate.
 *
 * @param <D> the engine's design record
 */
abstract class EngineBlueprint<D extends Record> implements Blueprint {

    /** Components that are inputs, not knobs: the card facts a design was sized for. */
    private static final Set<String> NOT_KNOBS = Set.of("facts");

    private final String engine;
    private final D design;

    EngineBlueprint(final String engine, final D design) {
        this.engine = engine;
        this.design = design;
    }

    public final D design() {
        return design;
    }

    @Override
    public final String key() {
        return RecordKnobs.key(engine, knobs());
    }

    @Override
    public final String engine() {
        return engine;
    }

    @Override
    public final String changeFrom(final Blueprint from) {
        return from instanceof EngineBlueprint<?> e && e.engine.equals(engine)
            ? RecordKnobs.change(e.knobs(), knobs()) : "";
    }

    @Override
    public final double knob(final String name) {
        return RecordKnobs.numeric(knobs(), name);
    }

    private Map<String, Object> knobs() {
        return RecordKnobs.of(design, NOT_KNOBS);
    }

    @Override
    public final boolean equals(final Object o) {
        return o instanceof EngineBlueprint<?> e && e.engine.equals(engine) && e.design.equals(design);
    }

    @Override
    public final int hashCode() {
        return design.hashCode();
    }

    @Override
    public final String toString() {
        return engine + ": " + describe();
    }
}
