package io.jitskit.agents.model;

import java.util.List;

/**
 * One request to a model.
 *
 * @param system     the system prompt
 * @param messages   the conversation, oldest first, starting with a user turn
 * @param tools      the tools the model may call
 * @param forcedTool a tool the model must call in this reply, or null to let it choose
 * @param maxTokens  most output tokens of the reply
 */
public record ModelRequest(String system, List<Message> messages, List<ToolSpec> tools, String forcedTool,
                           int maxTokens) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** Characters of the whole request, for the context estimate (about four per token). */
    public long chars() {
        long n = system.length();
        for (final Message m : messages) {
            n += m.chars();
        }
        for (final ToolSpec t : tools) {
            n += t.description().length() + t.inputSchema().toString().length();
        }
        return n;
    }
}
