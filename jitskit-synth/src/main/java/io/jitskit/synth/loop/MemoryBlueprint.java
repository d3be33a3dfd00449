package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.MemoryKnob;
import io.jitskit.synth.engine.StoreSourceGenerator;
import java.util.List;

/** The in-memory engine's {@link Design} as a blueprint. */
public final class MemoryBlueprint extends EngineBlueprint<Design, MemoryKnob> {

    /** The engine's name in keys and design JSON. */
    public static final String ENGINE = "memory";

    public MemoryBlueprint(final Design design) {
        super(ENGINE, design, MemoryKnob.class);
    }

    @Override
    public String describe() {
        return design().describe();
    }

    @Override
    public List<Blueprint> neighbours() {
        return design().neighbours().stream().<Blueprint>map(MemoryBlueprint::new).toList();
    }

    @Override
    public GeneratedStore generate(final Spec spec) {
        return StoreSourceGenerator.generate(spec, design());
    }
}
