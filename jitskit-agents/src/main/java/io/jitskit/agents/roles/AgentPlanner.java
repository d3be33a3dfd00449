package io.jitskit.agents.roles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitskit.agents.AgentFailure;
import io.jitskit.agents.conversation.RoleConversation;
import io.jitskit.agents.model.ModelException;
import io.jitskit.agents.model.ModelReply;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.Schemas;
import io.jitskit.agents.model.ToolSpec;
import io.jitskit.spec.Spec;
import io.jitskit.synth.loop.AgentBlueprint;
import io.jitskit.synth.loop.Blueprint;
import io.jitskit.synth.loop.LoopState;
import io.jitskit.synth.loop.Plan;
import io.jitskit.synth.loop.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The planner as a model. Each iteration it is shown the briefing and a numbered menu of the engine's designs one
 * knob from the best so far (or the engine's first design), and answers with the {@code propose} tool: a menu entry,
 * a new design in words (when the coder is a model too), or stop. A proposal that is malformed, already tried or
 * ruled out is sent back with the reason, up to {@value #TRIES} times.
 */
public final class AgentPlanner implements Planner {

    static final int TRIES = 3;
    static final int MENU = 12;

    static final ToolSpec PROPOSE = new ToolSpec("propose", "Propose the next design.",
        Schemas.optional(Schemas.optional(Schemas.optional(Schemas.property(Schemas.property(Schemas.property(
            Schemas.object(), "kind", "string", "'engine' (a menu entry), 'new' (a design in words) or 'stop'"),
            "rationale", "string", "why, checkable against the brief"), "change", "string",
            "the change from the best design, in a few words"), "option", "integer", "the menu number, for 'engine'"),
            "design", "string", "for 'new': the design, first line its name, then its structure"), "note", "string",
            "anything else"));

    private final RoleConversation conversation;
    private final boolean modelCoder;
    private final Function<Spec, Blueprint> initial;

    /**
     * @param modelCoder whether the coder is a model, which can build designs the engine cannot
     * @param initial    the engine's first design for a spec (may throw when the engine cannot serve it)
     */
    public AgentPlanner(final RoleConversation conversation, final boolean modelCoder,
                        final Function<Spec, Blueprint> initial) {
        this.conversation = conversation;
        this.modelCoder = modelCoder;
        this.initial = initial;
    }

    @Override
    public Plan propose(final LoopState state) {
        final Blueprint from = state.best();
        final List<Blueprint> menu = menu(state, from);
        if (menu.isEmpty() && !modelCoder) {
            return null;
        }
        conversation.open(question(state, from, menu));
        try {
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                final ModelReply reply = conversation.ask(List.of(PROPOSE), PROPOSE.name());
                final Part.ToolCall call = reply.toolCalls().stream().filter(c -> c.name().equals(PROPOSE.name()))
                    .findFirst().orElse(null);
                if (call == null) {
                    conversation.open("Answer with the propose tool.");
                    continue;
                }
                final Verdict v = judge(call.input(), call.inputError(), state, from, menu);
                answerAll(reply, call, v.error == null ? "accepted" : v.error, v.error != null);
                if (v.error == null) {
                    return v.plan;
                }
            }
        } catch (final ModelException e) {
            throw new AgentFailure("planner: " + e.getMessage());
        }
        throw new AgentFailure("planner: the model gave no usable proposal in " + TRIES + " tries; see "
            + state.runDir().resolve("agents").resolve("planner.jsonl"));
    }

    private record Verdict(Plan plan, String error) { }

    private Verdict judge(final ObjectNode in, final String inputError, final LoopState state, final Blueprint from,
                          final List<Blueprint> menu) {
        if (inputError != null) {
            return new Verdict(null, inputError);
        }
        final String rationale = in.path("rationale").asText("");
        final String kind = in.path("kind").asText("");
        switch (kind) {
            case "stop" -> {
                return new Verdict(null, null);
            }
            case "engine" -> {
                final int option = in.path("option").asInt(-1);
                if (option < 1 || option > menu.size()) {
                    return new Verdict(null, "option must be a menu number from 1 to " + menu.size());
                }
                final Blueprint pick = menu.get(option - 1);
                final String change = from == null ? "initial" : pick.changeFrom(from);
                return new Verdict(new Plan(pick, rationale, change.isEmpty() ? in.path("change").asText("")
                    : change, from == null ? null : from.key()), null);
            }
            case "new" -> {
                if (!modelCoder) {
                    return new Verdict(null, "the coder is the offline engine: it can only build menu entries");
                }
                final String design = in.path("design").asText("").strip();
                if (design.length() < 20) {
                    return new Verdict(null, "describe the design in a few sentences (first line: its name)");
                }
                final AgentBlueprint bp = new AgentBlueprint(design);
                if (state.tried(bp.key()) || state.whiteboard().isRuledOut(bp.key())) {
                    return new Verdict(null, "that design was already tried; propose a different one");
                }
                return new Verdict(new Plan(bp, rationale, in.path("change").asText("new design"),
                    from == null ? null : from.key()), null);
            }
            default -> {
                return new Verdict(null, "kind must be engine, new or stop");
            }
        }
    }

    /** Answers every call of the reply (both wire formats require it); the proposal gets the verdict. */
    private void answerAll(final ModelReply reply, final Part.ToolCall proposal, final String verdict,
                           final boolean error) {
        final List<Part.ToolResult> results = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final Part.ToolCall c : reply.toolCalls()) {
            names.add(c.name());
            results.add(c == proposal ? new Part.ToolResult(c.id(), verdict, error)
                : new Part.ToolResult(c.id(), "ignored: one proposal per reply", true));
        }
        conversation.answer(results, names);
    }

    private List<Blueprint> menu(final LoopState state, final Blueprint from) {
        final List<Blueprint> out = new ArrayList<>();
        if (from == null) {
            try {
                final Blueprint first = initial.apply(state.spec());
                if (!state.tried(first.key())) {
                    out.add(first);
                }
            } catch (final RuntimeException e) {
                conversation.transcript().note("the engine offers no first design: " + e.getMessage());
            }
            return out;
        }
        for (final Blueprint n : from.neighbours()) {
            if (out.size() < MENU && !state.tried(n.key()) && !state.whiteboard().isRuledOut(n.key())) {
                out.add(n);
            }
        }
        return out;
    }

    private String question(final LoopState state, final Blueprint from, final List<Blueprint> menu) {
        final StringBuilder sb = new StringBuilder("# Iteration ").append(state.iterationsDone() + 1)
            .append(": propose the next design\n\n").append(Briefing.of(state)).append("\n## Best so far\n\n")
            .append(from == null ? "Nothing has passed the gate yet." : from.describe()).append("\n\n## Menu\n\n");
        if (menu.isEmpty()) {
            sb.append("The engine offers nothing here.\n");
        }
        for (int i = 0; i < menu.size(); i++) {
            final Blueprint b = menu.get(i);
            final String change = from == null ? "the engine's rule-derived first design" : b.changeFrom(from);
            sb.append(i + 1).append(". ").append(change.isEmpty() ? b.describe() : change).append('\n');
        }
        sb.append(modelCoder ? "\nThe coder is a model: you may also propose a new design (kind 'new').\n"
            : "\nThe coder is the offline engine: pick a menu entry or stop.\n");
        return sb.toString();
    }
}
