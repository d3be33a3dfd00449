package io.jitskit.agents;

import io.jitskit.agents.cli.CliAgent;
import io.jitskit.agents.cli.CliCoder;
import io.jitskit.agents.config.AgentConfig;
import io.jitskit.agents.config.ProviderSettings;
import io.jitskit.agents.conversation.RoleConversation;
import io.jitskit.agents.conversation.Transcript;
import io.jitskit.agents.model.AnthropicClient;
import io.jitskit.agents.model.ModelClient;
import io.jitskit.agents.model.OpenAiClient;
import io.jitskit.agents.model.Redactor;
import io.jitskit.agents.roles.AgentAuditor;
import io.jitskit.agents.roles.AgentCoder;
import io.jitskit.agents.roles.AgentCritic;
import io.jitskit.agents.roles.AgentPlanner;
import io.jitskit.agents.roles.Prompts;
import io.jitskit.spec.Spec;
import io.jitskit.synth.loop.Auditor;
import io.jitskit.synth.loop.Coder;
import io.jitskit.synth.loop.Critic;
import io.jitskit.synth.loop.Engines;
import io.jitskit.synth.loop.HarnessEvaluator;
import io.jitskit.synth.loop.LoopState;
import io.jitskit.synth.loop.OfflineAuditor;
import io.jitskit.synth.loop.OfflineCoder;
import io.jitskit.synth.loop.OfflineCritic;
import io.jitskit.synth.loop.OfflinePlanner;
import io.jitskit.synth.loop.Planner;
import io.jitskit.synth.loop.SynthesisLoop;
import io.jitskit.synth.loop.SynthesisOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the loop's roles from {@link AgentOptions}: the agent plays the roles it is given, the offline engine plays
 * the rest, and one {@link CostLedger} books what every model-backed role spends.
 *
 * <pre>
 * Agents.Roles roles = Agents.build(options, System.getenv(), spec, synthesisOptions, evaluator);
 * SynthesisLoop loop = roles.loop(spec, synthesisOptions, evaluator, listener);
 * loop.run();
 * </pre>
 */
public final class Agents {

    private static final int MAX_TOKENS = 8_192;

    /**
     * The roles, ready for a {@link SynthesisLoop}.
     *
     * @param describe one line for the terminal: who plays what
     */
    public record Roles(Planner planner, Coder coder, Critic critic, Auditor auditor, CostLedger ledger,
                        String describe, AtomicReference<SynthesisLoop> loopRef) {

        /** The loop with these roles, the ledger as its cost meter. */
        public SynthesisLoop loop(final Spec spec, final SynthesisOptions options, final HarnessEvaluator evaluator,
                                  final io.jitskit.synth.loop.LoopListener listener) {
            final SynthesisLoop loop = new SynthesisLoop(spec, options, planner, coder, evaluator, critic, auditor,
                listener, ledger);
            loopRef.set(loop);
            return loop;
        }
    }

    private Agents() {
    }

    /**
     * @param env the environment, for keys and base URLs
     * @throws AgentSetupException in one line: a missing key (naming the variable to set), a bad config entry
     */
    public static Roles build(final AgentOptions o, final Map<String, String> env, final Spec spec,
                              final SynthesisOptions so, final HarnessEvaluator evaluator)
        throws AgentSetupException {
        final Path runDir = so.outDir();
        final AgentConfig config = AgentConfig.load(env, o.configFile(), runDir);
        final Redactor redactor = config.redactor();
        final CostLedger ledger = new CostLedger(config.prices(), o.budgetUsd(),
            runDir.resolve("agents").resolve("cost.json"));
        final AtomicReference<SynthesisLoop> loopRef = new AtomicReference<>();
        final java.util.function.Supplier<LoopState> state = () -> loopRef.get().state();
        if (o.backend() == AgentOptions.Backend.CLI) {
            final CliAgent agent = new CliAgent(o.agentCommand(), o.agentTimeout(), redactor);
            final Coder coder = new CliCoder(agent, ledger, spec, Prompts.SPI, transcript(runDir, AgentRole.CODER,
                redactor));
            return new Roles(new OfflinePlanner(Engines::initial), coder, new OfflineCritic(),
                new OfflineAuditor(evaluator), ledger, "coder: " + CliAgent.split(o.agentCommand()).getFirst()
                + " (coding agent); planner, critic, auditor: offline", loopRef);
        }
        final ProviderSettings settings = o.backend() == AgentOptions.Backend.ANTHROPIC ? config.anthropic(o.model())
            : config.openai(o.model());
        final ModelClient client = o.backend() == AgentOptions.Backend.ANTHROPIC
            ? new AnthropicClient(settings.baseUrl(), settings.apiKey(), settings.keyName(), settings.model(),
                o.stream(), o.retries(), redactor)
            : new OpenAiClient(settings.baseUrl(), settings.apiKey(), settings.keyName(), settings.model(),
                o.stream(), o.retries(), redactor);
        final boolean modelCoder = o.roles().contains(AgentRole.CODER);
        final Planner planner = o.roles().contains(AgentRole.PLANNER)
            ? new AgentPlanner(conversation(AgentRole.PLANNER, Prompts.PLANNER, client, ledger, o, runDir, redactor),
                modelCoder, Engines::initial)
            : new OfflinePlanner(Engines::initial);
        final Coder coder = modelCoder
            ? new AgentCoder(conversation(AgentRole.CODER, Prompts.CODER, client, ledger, o, runDir, redactor), ledger,
                spec, so.specFile(), state, o.toolGate(), o.toolBench(), evaluator::addedProbes,
                o.turnCap())
            : new OfflineCoder(spec);
        final Critic critic = o.roles().contains(AgentRole.CRITIC)
            ? new AgentCritic(conversation(AgentRole.CRITIC, Prompts.CRITIC, client, ledger, o, runDir, redactor),
                ledger)
            : new OfflineCritic();
        final Auditor auditor = o.roles().contains(AgentRole.AUDITOR)
            ? new AgentAuditor(conversation(AgentRole.AUDITOR, Prompts.AUDITOR, client, ledger, o, runDir, redactor),
                ledger, evaluator)
            : new OfflineAuditor(evaluator);
        final StringBuilder who = new StringBuilder(settings.toString()).append(" plays ");
        who.append(String.join(", ", o.roles().stream().sorted().map(AgentRole::id).toList()));
        if (!config.prices().knows(settings.model())) {
            who.append("; no price for ").append(settings.model()).append(" (add price.").append(settings.model())
                .append("=in,out to ").append(o.configFile()).append("), so costs show $0");
        }
        return new Roles(planner, coder, critic, auditor, ledger, who.toString(), loopRef);
    }

    private static RoleConversation conversation(final AgentRole role, final String system, final ModelClient client,
                                                 final CostLedger ledger, final AgentOptions o, final Path runDir,
                                                 final Redactor redactor) {
        return new RoleConversation(role, system, client, ledger, o.contextTokens(), MAX_TOKENS,
            transcript(runDir, role, redactor));
    }

    private static Transcript transcript(final Path runDir, final AgentRole role, final Redactor redactor) {
        return new Transcript(runDir.resolve("agents").resolve(role.id() + ".jsonl"), redactor);
    }
}
