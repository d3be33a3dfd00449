package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.StoreSourceGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The in-memory engine's {@link Design} as a blueprint. */
public record MemoryBlueprint(Design design) implements Blueprint {

    private static final Set<String> NOT_KNOBS = Set.of("facts");

    @Override
    public String describe() {
        return design.describe();
    }

    @Override
    public String key() {
        return RecordKnobs.key(engine(), knobs());
    }

    @Override
    public String engine() {
        return "memory";
    }

    @Override
    public List<Blueprint> neighbours() {
        final List<Blueprint> out = new ArrayList<>();
        for (final Design d : design.neighbours()) {
            out.add(new MemoryBlueprint(d));
        }
        return out;
    }

    @Override
    public String changeFrom(final Blueprint from) {
        return from instanceof MemoryBlueprint m ? RecordKnobs.change(m.knobs(), knobs()) : "";
    }

    @Override
    public double knob(final String name) {
        return RecordKnobs.numeric(knobs(), name);
    }

    @Override
    public GeneratedStore generate(final Spec spec) {
        return StoreSourceGenerator.generate(spec, design);
    }

    private Map<String, Object> knobs() {
        return RecordKnobs.of(design, NOT_KNOBS);
    }
}
