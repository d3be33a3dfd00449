package io.jitskit.report.synth;

import java.util.List;
import java.util.Objects;

/**
 * One iteration of the synthesis loop.
 *
 * @param iteration      1-based, increasing through the trajectory
 * @param design         the design in one line
 * @param outcome        what became of it
 * @param mops           the measured run-phase throughput in Mops/s, or null when it was not measured (compile
 *                       error, an early gate rejection, an error)
 * @param bestSoFar      the best accepted throughput after this iteration, or null while nothing was accepted
 * @param reason         why this outcome: the gate's first failing check, the compiler's first error, the margin it
 *                       lost by
 * @param gateFailures   names of the gate checks it failed (e.g. {@code torn-reads}), empty when none
 * @param elapsedSeconds wall time of the iteration
 * @param costUsd        what the iteration cost in model calls, 0 for the offline engine
 */
public record Attempt(int iteration, String design, Outcome outcome, Double mops, Double bestSoFar, String reason,
                      List<String> gateFailures, double elapsedSeconds, double costUsd) {

    public Attempt {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(outcome, "outcome");
        gateFailures = gateFailures == null ? List.of() : List.copyOf(gateFailures);
        reason = reason == null ? "" : reason;
    }
}
