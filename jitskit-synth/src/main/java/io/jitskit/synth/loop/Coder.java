package io.jitskit.synth.loop;

import java.io.IOException;
import java.nio.file.Path;

/** Realizes a plan as complete source and compiles it. */
public interface Coder {

    /** Writes the candidate's source under {@code dir} and compiles it; compile errors are a result, not a throw. */
    Candidate code(int iteration, Plan plan, Path dir) throws IOException;
}
