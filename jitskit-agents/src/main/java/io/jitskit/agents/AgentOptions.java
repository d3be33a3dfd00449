package io.jitskit.agents;

import io.jitskit.agents.cli.CliAgent;
import io.jitskit.agents.model.RetryPolicy;
import io.jitskit.gate.GateLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to run the loop with agents.
 *
 * @param backend       which kind of agent
 * @param model         the model, or null for the configured or default one
 * @param agentCommand  the coding agent's command template ({@code cli} only), or null for Claude Code
 * @param roles         the roles the agent plays; the others stay offline
 * @param budgetUsd     stop the run once this much is spent, 0 for no limit
 * @param configFile    the settings file (keys, base URLs, prices)
 * @param turnCap       most model replies per coder iteration
 * @param contextTokens the model's context, for trimming conversations
 * @param stream        whether replies stream
 * @param toolGate      the gate level of the coder's run_gate tool
 * @param toolBench     the run-phase length of the coder's run_bench tool
 * @param retries       how requests are retried
 * @param agentTimeout  longest a coding agent may run per iteration
 */
public record AgentOptions(Backend backend, String model, String agentCommand, Set<AgentRole> roles,
                           double budgetUsd, Path configFile, int turnCap, long contextTokens, boolean stream,
                           GateLevel toolGate, Duration toolBench, RetryPolicy retries, Duration agentTimeout) {

    /** The kinds of agent. */
    public enum Backend {
        /** The Anthropic Messages API. */
        ANTHROPIC,
        /** The OpenAI-compatible chat completions API (OpenAI, vLLM, Ollama, llama.cpp). */
        OPENAI,
        /** An installed coding agent run as a command. */
        CLI;

        /** Reads {@code anthropic}, {@code openai} or {@code cli}. */
        public static Backend of(final String name) throws AgentSetupException {
            for (final Backend b : values()) {
                if (b.name().equalsIgnoreCase(name.strip())) {
                    return b;
                }
            }
            throw new AgentSetupException("--agent " + name + ": use anthropic, openai or cli");
        }

        /** The roles this backend plays unless told otherwise. */
        public Set<AgentRole> defaultRoles() {
            return this == CLI ? EnumSet.of(AgentRole.CODER) : EnumSet.allOf(AgentRole.class);
        }
    }

    public AgentOptions {
        roles = roles == null || roles.isEmpty() ? backend.defaultRoles() : Set.copyOf(roles);
        if (backend == Backend.CLI && !roles.equals(EnumSet.of(AgentRole.CODER))) {
            throw new IllegalArgumentException("the cli backend plays the coder only; give the other roles to "
                + "--agent anthropic or openai");
        }
        if (agentCommand == null) {
            agentCommand = CliAgent.CLAUDE;
        }
        if (turnCap < 1) {
            throw new IllegalArgumentException("turn cap must be at least 1, was " + turnCap);
        }
        if (budgetUsd < 0) {
            throw new IllegalArgumentException("budget must not be negative, was " + budgetUsd);
        }
    }

    /** Defaults for everything but the backend: 30 turns, 200k tokens of context, streaming, the quick gate. */
    public static AgentOptions defaults(final Backend backend) {
        return new AgentOptions(backend, null, null, null, 0, io.jitskit.agents.config.AgentConfig.defaultFile(), 30,
            200_000, true, GateLevel.QUICK, Duration.ofSeconds(3), RetryPolicy.DEFAULT, Duration.ofMinutes(20));
    }
}
