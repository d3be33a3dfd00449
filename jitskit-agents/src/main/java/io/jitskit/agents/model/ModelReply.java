package io.jitskit.agents.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's reply.
 *
 * @param parts      text and tool calls, in the order the model produced them
 * @param stopReason why it stopped, normalized to Anthropic's words: {@code end_turn}, {@code tool_use},
 *                   {@code max_tokens}, or the provider's own word for anything else
 * @param usage      tokens billed
 * @param model      the model that answered, as the provider named it
 */
public record ModelReply(List<Part> parts, String stopReason, Usage usage, String model) {

    public ModelReply {
        parts = List.copyOf(parts);
    }

    /** All text parts, joined. */
    public String text() {
        final StringBuilder sb = new StringBuilder();
        for (final Part p : parts) {
            if (p instanceof Part.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public List<Part.ToolCall> toolCalls() {
        final List<Part.ToolCall> calls = new ArrayList<>();
        for (final Part p : parts) {
            if (p instanceof Part.ToolCall c) {
                calls.add(c);
            }
        }
        return calls;
    }

    /** The reply as the assistant turn to append to the conversation. */
    public Message asMessage() {
        return new Message(Message.Role.ASSISTANT, parts);
    }
}
