package io.jitskit.synth.loop;

import java.nio.file.Path;
import java.util.List;

/**
 * The correctness gate's verdict on a candidate, condensed for the loop.
 *
 * @param passed       every check passed (undecided checks do not pass)
 * @param failedChecks names of the checks that failed
 * @param summary      one line: the first failure with its figures, or the pass figures
 * @param report       the full gate report in the iteration directory
 */
public record GateOutcome(boolean passed, List<String> failedChecks, String summary, Path report) {

    public GateOutcome {
        failedChecks = List.copyOf(failedChecks);
    }
}
