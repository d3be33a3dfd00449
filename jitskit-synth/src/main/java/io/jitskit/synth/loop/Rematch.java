package io.jitskit.synth.loop;

import io.jitskit.harness.stats.PairedRatio;
import java.util.Arrays;
import java.util.Locale;

/**
 * A challenger and the incumbent benchmarked in pairs: each pair runs both stores back to back on a fresh hidden
 * seed, the pairs alternating which store goes first. A first measurement alone crowned too many stores on a noisy
 * machine (one store measured 1.85 and 3.05 Mops/s in one run, and a change the sizing rounded away was crowned);
 * the pairs' ratio, with its 95% interval, separates a real gain from that noise.
 *
 * @param challengerMops the challenger's throughput in each pair, NaN where the run failed
 * @param incumbentMops  the incumbent's, in the same pairs
 */
public record Rematch(double[] challengerMops, double[] incumbentMops) {

    /** Pairs a rematch runs: the fewest that give a t interval (t = 4.3 at two degrees of freedom). */
    public static final int PAIRS = 3;

    public Rematch {
        if (challengerMops.length != incumbentMops.length || challengerMops.length == 0) {
            throw new IllegalArgumentException("a rematch needs as many challenger runs as incumbent runs, at least "
                + "one; had " + challengerMops.length + " and " + incumbentMops.length);
        }
        challengerMops = challengerMops.clone();
        incumbentMops = incumbentMops.clone();
    }

    /** One pair, for tests and for callers that have a single side-by-side measurement. */
    public static Rematch ofPair(final double challenger, final double incumbent) {
        return new Rematch(new double[] {challenger}, new double[] {incumbent});
    }

    /** Whether a challenger run failed (a failed run never wins). */
    public boolean challengerFailed() {
        return Arrays.stream(challengerMops).anyMatch(m -> !(m > 0));
    }

    /** Whether an incumbent run failed while the challenger's did not (the challenger then wins). */
    public boolean incumbentFailed() {
        return Arrays.stream(incumbentMops).anyMatch(m -> !(m > 0));
    }

    /** The paired ratio, or null when a run of either side failed. */
    public PairedRatio ratio() {
        return challengerFailed() || incumbentFailed() ? null : PairedRatio.of(challengerMops, incumbentMops);
    }

    /** Whether the challenger is faster beyond the noise: every run passed and the ratio's interval lies above 1. */
    public boolean challengerWins() {
        if (challengerFailed()) {
            return false;
        }
        return incumbentFailed() || ratio().wins();
    }

    /** Neither side faster beyond the noise. */
    public boolean tie() {
        final PairedRatio r = ratio();
        return r != null && !r.wins() && !r.loses();
    }

    /** One clause for the attempt's reason, the design brief and the whiteboard. */
    public String describe() {
        final StringBuilder b = new StringBuilder("paired on fresh seeds: ");
        for (int i = 0; i < challengerMops.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f/%.3f", challengerMops[i],
                incumbentMops[i]));
        }
        b.append(" Mops/s (challenger/best)");
        final PairedRatio r = ratio();
        if (r != null) {
            b.append(", ratio ").append(r.describe());
        }
        return b.toString();
    }
}
