package io.jitskit.agents.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One piece of a message: text, a tool call the model made, or the result the loop sends back. */
public sealed interface Part permits Part.Text, Part.ToolCall, Part.ToolResult {

    /** Characters this part adds to a request, for the context estimate. */
    int chars();

    /** Plain text. */
    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public int chars() {
            return text.length();
        }
    }

    /**
     * A call the model asked for.
     *
     * @param id         the provider's call id, echoed in the result
     * @param name       the tool
     * @param input      the arguments; empty when they were not valid JSON
     * @param inputError why the arguments could not be read, or null; the loop answers such a call with this error
     *                   instead of running the tool
     */
    record ToolCall(String id, String name, ObjectNode input, String inputError) implements Part {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }

        @Override
        public int chars() {
            return name.length() + input.toString().length();
        }
    }

    /** What a tool returned; {@code error} tells the model the call failed and why. */
    record ToolResult(String callId, String content, boolean error) implements Part {
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public int chars() {
            return content.length();
        }
    }
}
