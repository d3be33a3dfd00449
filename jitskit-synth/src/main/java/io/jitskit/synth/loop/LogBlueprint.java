package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogStoreSourceGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The larger-than-memory engine's {@link LogDesign} as a blueprint. */
public record LogBlueprint(LogDesign design) implements Blueprint {

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
        return "log";
    }

    @Override
    public List<Blueprint> neighbours() {
        final List<Blueprint> out = new ArrayList<>();
        for (final LogDesign d : design.neighbours()) {
            out.add(new LogBlueprint(d));
        }
        return out;
    }

    @Override
    public String changeFrom(final Blueprint from) {
        return from instanceof LogBlueprint l ? RecordKnobs.change(l.knobs(), knobs()) : "";
    }

    @Override
    public double knob(final String name) {
        return RecordKnobs.numeric(knobs(), name);
    }

    @Override
    public GeneratedStore generate(final Spec spec) {
        return LogStoreSourceGenerator.generate(spec, design).toGenerated();
    }

    private Map<String, Object> knobs() {
        return RecordKnobs.of(design, NOT_KNOBS);
    }
}
