package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.DesignException;
import io.jitskit.synth.engine.log.LogDesign;

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
        final DesignException memory;
        try {
            return new MemoryBlueprint(Design.initial(spec));
        } catch (final DesignException e) {
            memory = e;
        }
        try {
            return new LogBlueprint(LogDesign.initial(spec));
        } catch (final DesignException e) {
            throw new DesignException("in memory: " + memory.getMessage() + "; larger than memory: "
                + e.getMessage());
        }
    }
}
