package io.jitskit.synth.loop;

/**
 * What the model-backed roles spent, as the loop books it: each attempt carries the dollars spent since the previous
 * one (the cost strip of the paper's Figure 6), and a meter that says stop ends the run between iterations, with
 * best-so-far and every memory file kept. The offline roles spend nothing: {@link #FREE}.
 */
public interface CostMeter {

    /** The meter of a run without models: nothing spent, never a reason to stop. */
    CostMeter FREE = () -> 0;

    /** Dollars spent since the previous call; the loop books them to the attempt it is recording. */
    double takeUsd();

    /**
     * Why the run must stop spending (the dollar budget is spent, or a role's model can no longer be reached or
     * paid for), in one line; null while the loop may start another iteration.
     */
    default String stopReason() {
        return null;
    }
}
