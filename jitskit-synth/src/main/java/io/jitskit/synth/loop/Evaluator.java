package io.jitskit.synth.loop;

import java.nio.file.Path;

/** Runs a candidate through the correctness gate and, if it passes, the benchmark. */
public interface Evaluator {

    Evaluation evaluate(Candidate candidate) throws Exception;

    /**
     * Benchmarks a challenger that measured faster than the best so far against the best's jar again, both on one
     * fresh seed, one after the other, before the loop crowns it.
     */
    Rematch rematch(Candidate challenger, Path incumbentJar) throws Exception;
}
