package io.jitskit.agents.model;

import java.util.List;

/**
 * One turn of a conversation. User turns carry text and tool results; assistant turns carry text and tool calls.
 * The system prompt is not a message: it travels beside them in {@link ModelRequest}.
 */
public record Message(Role role, List<Part> parts) {

    /** Who speaks. */
    public enum Role { USER, ASSISTANT }

    public Message {
        parts = List.copyOf(parts);
    }

    public static Message user(final String text) {
        return new Message(Role.USER, List.of(new Part.Text(text)));
    }

    /** Whether this turn opens an exchange (a user turn with text), as opposed to returning tool results. */
    public boolean opensExchange() {
        return role == Role.USER && parts.stream().anyMatch(p -> p instanceof Part.Text);
    }

    public int chars() {
        int n = 0;
        for (final Part p : parts) {
            n += p.chars();
        }
        return n;
    }
}
