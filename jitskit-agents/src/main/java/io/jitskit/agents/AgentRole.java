package io.jitskit.agents;

import java.util.Locale;

/** The loop's four roles, as the agents name them in prompts, transcripts and the cost ledger. */
public enum AgentRole {
    PLANNER, CODER, CRITIC, AUDITOR;

    /** {@code planner}, {@code coder}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code planner}, {@code coder}, ... case-insensitively. */
    public static AgentRole of(final String id) throws AgentSetupException {
        for (final AgentRole r : values()) {
            if (r.id().equalsIgnoreCase(id.strip())) {
                return r;
            }
        }
        throw new AgentSetupException("unknown role '" + id + "'; roles are planner, coder, critic, auditor");
    }
}
