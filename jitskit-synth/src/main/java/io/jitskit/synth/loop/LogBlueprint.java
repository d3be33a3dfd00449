package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogKnob;
import io.jitskit.synth.engine.log.LogStoreSourceGenerator;
import java.util.List;

/** The larger-than-memory engine's {@link LogDesign} as a blueprint. */
public final class LogBlueprint extends EngineBlueprint<LogDesign, LogKnob> {

    /** The engine's name in keys and design JSON. */
    public static final String ENGINE = "log";

    public LogBlueprint(final LogDesign design) {
        super(ENGINE, design, LogKnob.class);
    }

    @Override
    public String describe() {
        return design().describe();
    }

    @Override
    public List<Blueprint> neighbours() {
        return design().neighbours().stream().<Blueprint>map(LogBlueprint::new).toList();
    }

    @Override
    public GeneratedStore generate(final Spec spec) {
        return LogStoreSourceGenerator.generate(spec, design()).toGenerated();
    }
}
