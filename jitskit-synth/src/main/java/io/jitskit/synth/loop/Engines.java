package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.DesignException;

/**
 * The offline engines, in order of preference: the in-memory engine when the cards' data fits the usable budget,
 * else the log-structured engine that spills to disk.
 */
public final class Engines {

    private Engines() {
    }

    /**
     * The first design for {@code spec}.
     *
     * @throws DesignException with the figures when no engine can serve the cards
     */
    public static Blueprint initial(final Spec spec) {
        return new MemoryBlueprint(Design.initial(spec));
    }
}
