package io.jitskit.agents.roles;

import io.jitskit.agents.CostLedger;
import io.jitskit.agents.conversation.RoleConversation;
import io.jitskit.agents.conversation.ToolLoop;
import io.jitskit.agents.model.ModelException;
import io.jitskit.agents.workspace.CoderTools;
import io.jitskit.agents.workspace.Workspace;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.Probe;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.CompiledStore;
import io.jitskit.synth.loop.AgentBlueprint;
import io.jitskit.synth.loop.Candidate;
import io.jitskit.synth.loop.Coder;
import io.jitskit.synth.loop.LoopState;
import io.jitskit.synth.loop.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The coder as a model working with tools in {@code it-NNN/workspace}, at most {@code turnCap} replies per
 * iteration. When the model finishes (or runs out of turns, or the budget is spent) the loop compiles the workspace
 * as it stands: that compile, not the model's word, decides the candidate.
 */
public final class AgentCoder implements Coder {

    private final RoleConversation conversation;
    private final CostLedger ledger;
    private final Spec spec;
    private final Path specFile;
    private final Supplier<LoopState> state;
    private final GateLevel toolGate;
    private final Duration toolBench;
    private final Supplier<List<Probe>> probes;
    private final int turnCap;

    /**
     * @param state     the loop's state, for the briefing (the loop is built after its roles)
     * @param toolGate  the level of the gate the run_gate tool runs
     * @param toolBench the run-phase length of the run_bench tool
     * @param probes    the auditor's probes so far, which run_gate includes
     */
    public AgentCoder(final RoleConversation conversation, final CostLedger ledger, final Spec spec,
                      final Path specFile, final Supplier<LoopState> state, final GateLevel toolGate,
                      final Duration toolBench, final Supplier<List<Probe>> probes, final int turnCap) {
        this.conversation = conversation;
        this.ledger = ledger;
        this.spec = spec;
        this.specFile = specFile;
        this.state = state;
        this.toolGate = toolGate;
        this.toolBench = toolBench;
        this.probes = probes;
        this.turnCap = turnCap;
    }

    @Override
    public Candidate code(final int iteration, final Plan plan, final Path dir) throws IOException {
        final Workspace workspace = new Workspace(dir.resolve("workspace"));
        final LoopState s = state.get();
        final String seededProvider = Seeding.seed(workspace, plan, spec, s.runDir());
        final String storeName = String.format(Locale.ROOT, "agent-%s-it%03d", spec.name(), iteration);
        final CoderTools tools = new CoderTools(workspace, spec, specFile, dir, storeName, plan.blueprint().describe(),
            seededProvider, toolGate, toolBench, probes);
        conversation.open(task(iteration, plan, s, workspace, seededProvider));
        final ToolLoop.Outcome outcome;
        try {
            outcome = ToolLoop.run(conversation, CoderTools.SPECS, tools, turnCap, ledger::overBudget);
        } catch (final ModelException e) {
            throw new ModelException(e.kind(), "coder: " + e.getMessage(), e.retryAfter());
        }
        if (outcome.capped()) {
            conversation.transcript().note("turn cap of " + turnCap + " reached; compiling the workspace as it is");
        }
        if (tools.escapes() > 0) {
            conversation.transcript().note(tools.escapes() + " tool calls refused for leaving the workspace");
        }
        final CompiledStore compiled = tools.compile();
        return new Candidate(iteration, plan, dir, compiled);
    }

    private static String task(final int iteration, final Plan plan, final LoopState s, final Workspace workspace,
                               final String provider) throws IOException {
        final List<String> files = workspace.list("");
        return "# Iteration " + iteration + ": build this design\n\n" + plan.blueprint().describe() + "\n\n"
            + (plan.blueprint() instanceof AgentBlueprint a ? a.text() + "\n\n" : "")
            + "Why: " + plan.rationale() + "\nChange: " + plan.change() + "\n\n"
            + (files.isEmpty() ? "The workspace is empty: write the store from scratch.\n"
                : "The workspace holds a store to start from (provider " + provider + "):\n"
                    + String.join("\n", files) + "\n")
            + "\n" + Briefing.of(s);
    }
}
