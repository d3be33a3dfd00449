package io.jitskit.agents.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitskit.agents.CostLedger;
import io.jitskit.agents.conversation.RoleConversation;
import io.jitskit.agents.model.ModelException;
import io.jitskit.agents.model.ModelReply;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.Schemas;
import io.jitskit.agents.model.ToolSpec;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.synth.loop.Critic;
import io.jitskit.synth.loop.Critique;
import io.jitskit.synth.loop.Directive;
import io.jitskit.synth.loop.Evaluation;
import io.jitskit.synth.loop.LoopState;
import io.jitskit.synth.loop.OfflineCritic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The critic as a model: shown the evaluation (compiler, gate, throughput, indicators, store metrics) and the
 * briefing, it answers with the {@code critique} tool. When its model fails, the offline critic reads the same
 * evaluation instead, the diagnosis says so, and the ledger asks the loop to stop before the next iteration: the
 * measured iteration is recorded, never lost.
 */
public final class AgentCritic implements Critic {

    static final ToolSpec CRITIQUE;

    static {
        final ObjectNode directives = Schemas.node().put("type", "array").put("description",
            "directions for the planner, strongest first");
        final ObjectNode item = directives.putObject("items").put("type", "string");
        final var names = item.putArray("enum");
        for (final Directive d : Directive.values()) {
            names.add(d.name());
        }
        CRITIQUE = new ToolSpec("critique", "Your reading of this iteration.", Schemas.property(Schemas.property(
            Schemas.property(Schemas.property(Schemas.object(), "diagnosis", "string",
                "the cause in words, one or two sentences"), "evidence", "string", "the figures behind it"),
            "rule_out", "boolean", "whether the design goes on the whiteboard"), "directives", directives));
    }

    private final RoleConversation conversation;
    private final CostLedger ledger;
    private final Critic fallback = new OfflineCritic();

    public AgentCritic(final RoleConversation conversation, final CostLedger ledger) {
        this.conversation = conversation;
        this.ledger = ledger;
    }

    @Override
    public Critique review(final Evaluation e, final LoopState state) {
        conversation.open(question(e, state));
        final ModelReply reply;
        try {
            reply = conversation.ask(List.of(CRITIQUE), CRITIQUE.name());
        } catch (final ModelException ex) {
            ledger.halt("critic: " + ex.getMessage());
            return offline(e, state, "the critic's model failed (" + ex.getMessage() + ")");
        }
        final Part.ToolCall call = reply.toolCalls().stream().filter(c -> c.name().equals(CRITIQUE.name()))
            .findFirst().orElse(null);
        final List<Part.ToolResult> results = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final Part.ToolCall c : reply.toolCalls()) {
            names.add(c.name());
            results.add(new Part.ToolResult(c.id(), c == call ? "recorded" : "ignored", c != call));
        }
        if (!results.isEmpty()) {
            conversation.answer(results, names);
        }
        if (call == null || call.inputError() != null || !call.input().path("diagnosis").isTextual()) {
            return offline(e, state, "the critic's model gave no usable critique");
        }
        final JsonNode in = call.input();
        final List<Directive> directives = new ArrayList<>();
        for (final JsonNode d : in.path("directives")) {
            try {
                directives.add(Directive.valueOf(d.asText().strip().toUpperCase(Locale.ROOT)));
            } catch (final IllegalArgumentException unknown) {
                conversation.transcript().note("ignored unknown directive " + d.asText());
            }
        }
        if (directives.isEmpty()) {
            directives.add(Directive.EXPLORE);
        }
        // The model may not rescue a candidate the measurements condemn: a failure is always ruled out.
        final boolean failed = !e.compiled() || !e.passedGate() || Double.isNaN(e.mops());
        return new Critique(in.path("diagnosis").asText(), directives, failed || in.path("rule_out").asBoolean(),
            in.path("evidence").asText(""));
    }

    private Critique offline(final Evaluation e, final LoopState state, final String why) {
        conversation.transcript().note(why + "; the offline critic read this iteration");
        final Critique c = fallback.review(e, state);
        return new Critique(c.diagnosis() + " [offline reading: " + why + "]", c.directives(), c.ruleOut(),
            c.evidence());
    }

    private static String question(final Evaluation e, final LoopState state) {
        final StringBuilder sb = new StringBuilder("# Iteration ").append(e.candidate().iteration())
            .append(": review\n\nDesign: ").append(e.candidate().plan().blueprint().describe()).append("\nChange: ")
            .append(e.candidate().plan().change()).append("\n\n## Evaluation\n\n");
        if (!e.compiled()) {
            final List<String> d = e.candidate().compiled().diagnostics();
            sb.append("Does not compile:\n").append(String.join("\n", d.subList(0, Math.min(20, d.size()))));
        } else if (!e.passedGate()) {
            sb.append("Fails the correctness gate: ").append(String.join(", ", e.gate().failedChecks()))
                .append("\n").append(e.gate().summary());
        } else {
            final BenchResult b = e.bench();
            sb.append("Passes the gate (").append(e.gate().summary()).append(").\n");
            if (b == null || !b.ok()) {
                sb.append("Benchmark failed: ").append(b == null ? "no result" : b.failure()).append('\n');
            } else {
                sb.append(String.format(Locale.ROOT, "Throughput %.3f Mops/s; best so far %s.%n", b.mops(),
                    Double.isNaN(state.bestMops()) ? "none" : String.format(Locale.ROOT, "%.3f", state.bestMops())));
                append(sb, "Indicators", b.indicators());
                append(sb, "Store metrics", b.storeMetrics());
                if (b.memory() != null) {
                    sb.append(String.format(Locale.ROOT, "Memory peak %d of %d bytes budget.%n",
                        b.memory().peakChargedBytes(), b.memory().budgetBytes()));
                }
            }
        }
        return sb.append("\n\n").append(Briefing.of(state)).toString();
    }

    private static void append(final StringBuilder sb, final String title, final Map<String, Double> values) {
        sb.append(title).append(":\n");
        values.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
    }
}
