package io.jitskit.synth.loop;

import java.util.Locale;

/**
 * A challenger and the incumbent benchmarked again back to back on one fresh hidden seed. A first measurement alone
 * crowns too many stores on a noisy machine (the same store measured 13 and 20 Mops/s in one run); side by side, the
 * noise mostly hits both.
 *
 * @param challengerMops the challenger's run-phase throughput, NaN when the run failed
 * @param incumbentMops  the incumbent's, NaN when the run failed
 */
public record Rematch(double challengerMops, double incumbentMops) {

    /** Whether the challenger won outright; a failed challenger run never wins, a failed incumbent run always loses. */
    public boolean challengerWins() {
        return !Double.isNaN(challengerMops) && (Double.isNaN(incumbentMops) || challengerMops > incumbentMops);
    }

    /** One clause for the attempt's reason and the design brief. */
    public String describe() {
        return String.format(Locale.ROOT, "side by side on one seed: %.3f against the best's %.3f Mops/s",
            challengerMops, incumbentMops);
    }
}
