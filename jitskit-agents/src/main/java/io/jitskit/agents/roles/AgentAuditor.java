package io.jitskit.agents.roles;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitskit.agents.CostLedger;
import io.jitskit.agents.conversation.RoleConversation;
import io.jitskit.agents.conversation.ToolLoop;
import io.jitskit.agents.model.ModelException;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.Schemas;
import io.jitskit.agents.model.ToolSpec;
import io.jitskit.agents.probe.DeclarativeProbe;
import io.jitskit.agents.probe.ProbeCourt;
import io.jitskit.agents.probe.ProbeSpec;
import io.jitskit.api.StoreProvider;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Verdict;
import io.jitskit.synth.loop.Auditor;
import io.jitskit.synth.loop.Candidate;
import io.jitskit.synth.loop.HarnessEvaluator;
import io.jitskit.synth.loop.LoopState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The auditor as a model: it reads the candidates that passed the gate since its last pass (source and figures) and
 * answers with tools: {@code add_probe} (a {@link ProbeSpec}; kept only if the reference store passes it, then run at
 * once against each candidate and added to every later gate), {@code reject} (a candidate whose source shows a flaw)
 * and {@code finish}. A model failure ends the pass with what was found, and asks the loop to stop.
 */
public final class AgentAuditor implements Auditor {

    static final int TURNS = 8;
    static final int SOURCE_CHARS = 24_000;

    static final List<ToolSpec> TOOLS = List.of(
        new ToolSpec("add_probe", "Add a declarative probe to this run's gate (see the format in your "
            + "instructions). It is kept only if the reference store passes it.",
            Schemas.property(Schemas.object(), "probe", Schemas.node().put("type", "object").put("description",
                "{name, why, steps}"))),
        new ToolSpec("reject", "Reject a candidate whose source shows a flaw the gate missed.",
            Schemas.property(Schemas.property(Schemas.object(), "iteration", "integer", "the candidate's iteration"),
                "finding", "string", "what is wrong and where (class, method)")),
        new ToolSpec("finish", "End this audit pass.", Schemas.property(Schemas.object(), "summary", "string",
            "what you examined and concluded")));

    private final RoleConversation conversation;
    private final CostLedger ledger;
    private final HarnessEvaluator evaluator;

    public AgentAuditor(final RoleConversation conversation, final CostLedger ledger,
                        final HarnessEvaluator evaluator) {
        this.conversation = conversation;
        this.ledger = ledger;
        this.evaluator = evaluator;
    }

    @Override
    public AuditReport audit(final List<Candidate> candidates, final LoopState state) throws Exception {
        if (candidates.isEmpty()) {
            return new AuditReport(List.of(), List.of(), List.of());
        }
        final Pass pass = new Pass(candidates, state);
        conversation.open(question(candidates, state));
        try {
            ToolLoop.run(conversation, TOOLS, pass, TURNS, ledger::overBudget);
        } catch (final ModelException e) {
            ledger.halt("auditor: " + e.getMessage());
            pass.findings.add("the auditor's model failed (" + e.getMessage() + "); this pass ends with what it found");
        }
        return new AuditReport(pass.findings, List.copyOf(pass.flawed), pass.added);
    }

    /** One audit pass: what it found, rejected and added. */
    private final class Pass implements ToolLoop.Handler {
        final List<Candidate> candidates;
        final LoopState state;
        final List<String> findings = new ArrayList<>();
        final Set<String> flawed = new LinkedHashSet<>();
        final List<String> added = new ArrayList<>();
        boolean finished;

        Pass(final List<Candidate> candidates, final LoopState state) {
            this.candidates = candidates;
            this.state = state;
        }

        @Override
        public Part.ToolResult handle(final Part.ToolCall call) {
            try {
                return switch (call.name()) {
                    case "add_probe" -> new Part.ToolResult(call.id(), addProbe(call.input().path("probe")), false);
                    case "reject" -> new Part.ToolResult(call.id(), reject(call.input()), false);
                    case "finish" -> {
                        finished = true;
                        findings.add("auditor: " + call.input().path("summary").asText(""));
                        yield new Part.ToolResult(call.id(), "audit pass ended", false);
                    }
                    default -> new Part.ToolResult(call.id(), "unknown tool '" + call.name()
                        + "'; use add_probe, reject or finish", true);
                };
            } catch (final IllegalArgumentException e) {
                return new Part.ToolResult(call.id(), "probe refused: " + e.getMessage(), true);
            } catch (final Exception e) {
                return new Part.ToolResult(call.id(), call.name() + " failed: " + e, true);
            }
        }

        private String addProbe(final JsonNode node) throws Exception {
            final ProbeSpec spec = ProbeSpec.parse(node);
            if (evaluator.addedProbeNames().contains(spec.name())) {
                return "a probe named " + spec.name() + " is already in the gate; choose another name";
            }
            final DeclarativeProbe probe = new DeclarativeProbe(spec, node.toString());
            final Path dir = state.runDir().resolve("audit").resolve(spec.name());
            final String refusal = ProbeCourt.refusal(probe, state.spec(), dir.resolve("reference"));
            if (refusal != null) {
                findings.add("probe " + spec.name() + " dropped: " + refusal);
                return "dropped: " + refusal;
            }
            evaluator.addProbe(probe);
            added.add(spec.name());
            final StringBuilder sb = new StringBuilder("kept: the reference store passes it; it runs in every "
                + "later gate.");
            for (final Candidate c : candidates) {
                final StoreProvider provider = c.compiled().load();
                final CheckResult r = ProbeCourt.run(probe, provider, c.storeArgument(), state.spec(),
                    dir.resolve(String.format(Locale.ROOT, "it-%03d", c.iteration())));
                if (r.verdict() == Verdict.FAIL) {
                    flawed.add(c.plan().blueprint().key());
                    findings.add(String.format(Locale.ROOT, "iteration %d fails %s: %s", c.iteration(), spec.name(),
                        r.summary()));
                }
                sb.append(String.format(Locale.ROOT, "%niteration %d: %s", c.iteration(), r.line()));
            }
            return sb.toString();
        }

        private String reject(final JsonNode in) {
            final int iteration = in.path("iteration").asInt(-1);
            for (final Candidate c : candidates) {
                if (c.iteration() == iteration) {
                    flawed.add(c.plan().blueprint().key());
                    findings.add(String.format(Locale.ROOT, "iteration %d rejected: %s", iteration,
                        in.path("finding").asText("")));
                    return "rejected iteration " + iteration;
                }
            }
            throw new IllegalArgumentException("no candidate of iteration " + iteration + " in this pass");
        }

        @Override
        public boolean finished() {
            return finished;
        }
    }

    private String question(final List<Candidate> candidates, final LoopState state) throws IOException {
        final StringBuilder sb = new StringBuilder("# Audit pass after iteration ").append(state.iterationsDone())
            .append("\n\nProbes already in the gate: ").append(evaluator.addedProbeNames()).append("\n\n");
        for (final Candidate c : candidates) {
            sb.append("## Iteration ").append(c.iteration()).append(": ").append(c.plan().blueprint().describe())
                .append("\n\n");
            final Path src = c.dir().resolve(c.compiled().storeName()).resolve("src");
            int budget = SOURCE_CHARS / candidates.size();
            if (Files.isDirectory(src)) {
                try (Stream<Path> walk = Files.walk(src)) {
                    for (final Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        final String text = Files.readString(f);
                        final String shown = text.length() <= budget ? text : text.substring(0, Math.max(0, budget))
                            + "\n... (" + text.length() + " chars, cut)";
                        budget -= shown.length();
                        sb.append("### ").append(src.relativize(f)).append("\n```java\n").append(shown)
                            .append("\n```\n");
                        if (budget <= 0) {
                            break;
                        }
                    }
                }
            }
        }
        return sb.append('\n').append(Briefing.of(state)).toString();
    }
}
