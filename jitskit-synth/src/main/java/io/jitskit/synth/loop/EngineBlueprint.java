package io.jitskit.synth.loop;

import io.jitskit.synth.engine.Knob;
import java.util.ArrayList;
import java.util.List;

/**
 * A blueprint over an engine's design record: the key, the one-knob difference and the knob values all come from the
 * engine's knob enum, so an engine only says how to describe, mutate and generate.
 *
 * @param <D> the engine's design record
 * @param <K> the engine's knobs
 */
abstract sealed class EngineBlueprint<D extends Record, K extends Enum<K> & Knob<D>> implements Blueprint
    permits MemoryBlueprint, LogBlueprint {

    private final String engine;
    private final D design;
    private final Class<K> knobs;

    EngineBlueprint(final String engine, final D design, final Class<K> knobs) {
        this.engine = engine;
        this.design = design;
        this.knobs = knobs;
    }

    public final D design() {
        return design;
    }

    /** {@code engine;knob=value;...} over every knob in the enum's order. */
    @Override
    public final String key() {
        final StringBuilder sb = new StringBuilder(engine);
        for (final K k : knobs.getEnumConstants()) {
            sb.append(';').append(k.id()).append('=').append(k.valueIn(design));
        }
        return sb.toString();
    }

    @Override
    public final String engine() {
        return engine;
    }

    /**
     * {@code knob: old -> new} for each knob that differs, joined by {@code ", "} (a move such as "no read cache"
     * turns the eviction and the admission knobs together).
     */
    @Override
    public final String changeFrom(final Blueprint from) {
        if (!(from instanceof EngineBlueprint<?, ?> e) || e.knobs != knobs) {
            return "";
        }
        final D before = design(e);
        final List<String> changes = new ArrayList<>();
        for (final K k : knobs.getEnumConstants()) {
            final Object old = k.valueIn(before);
            final Object now = k.valueIn(design);
            if (!now.equals(old)) {
                changes.add(k.id() + ": " + old + " -> " + now);
            }
        }
        return String.join(", ", changes);
    }

    @Override
    public final double knob(final Knob<?> knob) {
        return knobs.isInstance(knob) ? knobs.cast(knob).numeric(design) : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private D design(final EngineBlueprint<?, ?> other) {
        // Same knob enum, same engine: the same design record type.
        return (D) other.design;
    }

    @Override
    public final boolean equals(final Object o) {
        return o instanceof EngineBlueprint<?, ?> e && e.engine.equals(engine) && e.design.equals(design);
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
