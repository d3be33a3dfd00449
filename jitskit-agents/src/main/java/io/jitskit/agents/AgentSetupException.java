package io.jitskit.agents;

/** The agents cannot be set up as asked: a missing key, a bad config line, an unknown role. One line, no trace. */
public final class AgentSetupException extends Exception {

    public AgentSetupException(final String message) {
        super(message);
    }
}
