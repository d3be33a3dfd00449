package io.jitskit.synth.loop;

/** Runs a candidate through the correctness gate and, if it passes, the benchmark. */
public interface Evaluator {

    Evaluation evaluate(Candidate candidate) throws Exception;
}
