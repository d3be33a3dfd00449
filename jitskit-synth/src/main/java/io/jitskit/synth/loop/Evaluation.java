package io.jitskit.synth.loop;

import io.jitskit.harness.bench.BenchResult;

/**
 * Everything measured about one candidate.
 *
 * @param candidate the candidate
 * @param gate      the gate's verdict, or null when it did not compile
 * @param bench     the benchmark, or null when it did not pass the gate
 * @param placement where it was measured (node, calibration, attempts), or null when it ran in this JVM
 */
public record Evaluation(Candidate candidate, GateOutcome gate, BenchResult bench, Placement placement) {

    public Evaluation(final Candidate candidate, final GateOutcome gate, final BenchResult bench) {
        this(candidate, gate, bench, null);
    }

    public boolean compiled() {
        return candidate.compiled().success();
    }

    public boolean passedGate() {
        return gate != null && gate.passed();
    }

    /** Run-phase throughput of a candidate that passed the gate and ran clean, else NaN. */
    public double mops() {
        return passedGate() && bench != null && bench.ok() ? bench.mops() : Double.NaN;
    }
}
