package io.jitskit.synth.loop;

import io.jitskit.synth.engine.CompiledStore;
import java.nio.file.Path;

/**
 * A coded design: its source on disk and the compiler's verdict.
 *
 * @param iteration the loop iteration that produced it, from 1
 * @param plan      what it realizes
 * @param dir       the iteration's directory (source, jar, reports)
 * @param compiled  the compiled store, or diagnostics
 */
public record Candidate(int iteration, Plan plan, Path dir, CompiledStore compiled) {

    /** The jar path as the harness and gate take it. */
    public String storeArgument() {
        return compiled.jar().toAbsolutePath().toString();
    }
}
