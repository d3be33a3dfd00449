package io.jitskit.synth.loop;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.CompiledStore;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.StoreCompiler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The built-in coder: the engine's generator emits specialized source for the plan's design, and javac (in process,
 * {@code -Werror}) turns it into a store jar. A generator that throws is reported as a failed compilation with its
 * message, so one bad design never stops the loop.
 */
public final class OfflineCoder implements Coder {

    private final Spec spec;

    public OfflineCoder(final Spec spec) {
        this.spec = spec;
    }

    @Override
    public Candidate code(final int iteration, final Plan plan, final Path dir) throws IOException {
        final GeneratedStore source;
        try {
            source = plan.blueprint().generate(spec);
        } catch (final RuntimeException e) {
            return new Candidate(iteration, plan, dir, new CompiledStore(false, null, "n/a", "n/a",
                java.util.List.of("generator: " + e.getMessage()), 0));
        }
        return new Candidate(iteration, plan, dir, StoreCompiler.compile(source, dir));
    }
}
