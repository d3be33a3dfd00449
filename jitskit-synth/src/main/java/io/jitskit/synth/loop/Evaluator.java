package io.jitskit.synth.loop;

import io.jitskit.gate.CheckResult;
import java.nio.file.Path;

/** Runs a candidate through the correctness gate and, if it passes, the benchmark. */
public interface Evaluator {

    Evaluation evaluate(Candidate candidate) throws Exception;

    /**
     * Benchmarks a challenger that measured faster than the best so far against the best's jar again, both on one
     * fresh seed, one after the other, before the loop crowns it.
     */
    Rematch rematch(Candidate challenger, Path incumbentJar) throws Exception;

    /**
     * The gate at the benchmark's horizon, for a candidate about to be crowned: its checks on a store aged on the
     * card's stream at least as long as {@code evaluation}'s benchmark kept it open (see {@code HorizonCheck}).
     *
     * @return the check's result, or null where this evaluator has no such check
     */
    default CheckResult atHorizon(final Candidate candidate, final Evaluation evaluation) throws Exception {
        return null;
    }
}
