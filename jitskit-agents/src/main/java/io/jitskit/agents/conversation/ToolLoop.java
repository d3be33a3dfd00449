package io.jitskit.agents.conversation;

import io.jitskit.agents.model.ModelException;
import io.jitskit.agents.model.ModelReply;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Lets a model work with tools until it stops calling them, calls a finishing tool, runs out of turns, or the run
 * must stop spending. A call whose arguments were not valid JSON is answered with that error, not run, so the model
 * can correct itself.
 */
public final class ToolLoop {

    /** Runs one tool call; never throws for the model's mistakes, which go back to it as error results. */
    public interface Handler {
        Part.ToolResult handle(Part.ToolCall call);

        /** Whether a finishing tool was called. */
        boolean finished();
    }

    /**
     * @param turns  model replies in this run of the loop
     * @param capped whether the turn cap ended it
     * @param last   the last reply
     */
    public record Outcome(int turns, boolean capped, ModelReply last) { }

    private ToolLoop() {
    }

    /**
     * @param stop asked after each turn: true ends the loop (the budget is spent)
     */
    public static Outcome run(final RoleConversation conversation, final List<ToolSpec> tools, final Handler handler,
                              final int turnCap, final BooleanSupplier stop) throws ModelException {
        ModelReply reply = null;
        for (int turn = 1; turn <= turnCap; turn++) {
            reply = conversation.ask(tools, null);
            final List<Part.ToolCall> calls = reply.toolCalls();
            if (calls.isEmpty()) {
                return new Outcome(turn, false, reply);
            }
            final List<Part.ToolResult> results = new ArrayList<>();
            final List<String> names = new ArrayList<>();
            for (final Part.ToolCall call : calls) {
                names.add(call.name());
                results.add(call.inputError() != null ? new Part.ToolResult(call.id(), call.inputError(), true)
                    : handler.handle(call));
            }
            conversation.answer(results, names);
            if (handler.finished() || stop.getAsBoolean()) {
                return new Outcome(turn, false, reply);
            }
        }
        return new Outcome(turnCap, true, reply);
    }
}
