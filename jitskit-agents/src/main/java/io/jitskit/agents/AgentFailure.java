package io.jitskit.agents;

/**
 * A model-backed role could not do its part (its model refused the key, stayed overloaded through every retry,
 * answered in a shape it cannot use). Unchecked because the loop's role interfaces declare no model errors; it ends
 * the run between iterations, and everything the loop had recorded stays in the run directory.
 */
public final class AgentFailure extends RuntimeException {

    public AgentFailure(final String message) {
        super(message, null, false, false);
    }
}
