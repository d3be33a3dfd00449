package io.jitskit.synth.loop;

import java.nio.file.Path;
import java.util.List;

/**
 * The correctness gate's verdict on a candidate, condensed for the loop.
 *
 * @param passed        every check passed (undecided checks do not pass)
 * @param failedChecks  names of the checks that failed
 * @param summary       one line: the first failure with its figures, or the pass figures
 * @param report        the full gate report in the iteration directory
 * @param writerPauseMs the longest a writer stalled during checkpoints, as the gate's checkpoint-under-writes probe
 *                      measured it; NaN when it did not run (durability none, or the gate stopped earlier)
 */
public record GateOutcome(boolean passed, List<String> failedChecks, String summary, Path report,
                          double writerPauseMs) {

    public GateOutcome {
        failedChecks = List.copyOf(failedChecks);
    }

    /** An outcome without a writer-pause measurement. */
    public GateOutcome(final boolean passed, final List<String> failedChecks, final String summary, final Path report) {
        this(passed, failedChecks, summary, report, Double.NaN);
    }
}
