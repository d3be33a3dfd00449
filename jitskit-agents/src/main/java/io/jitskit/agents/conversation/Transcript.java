package io.jitskit.agents.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitskit.agents.model.ModelReply;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * {@code agents/<role>.jsonl} in the run directory: one JSON line per request, reply and tool result, redacted, so a
 * person can follow what each role asked, answered and did, and what it cost.
 */
public final class Transcript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 2_000;

    private final Path file;
    private final Redactor redactor;

    /** @param file the transcript, or null to keep none */
    public Transcript(final Path file, final Redactor redactor) {
        this.file = file;
        this.redactor = redactor;
    }

    public static Transcript none() {
        return new Transcript(null, Redactor.none());
    }

    void opened(final String text) {
        write(line("exchange").put("text", cut(text)));
    }

    void replied(final ModelReply reply, final long requestChars, final int trimmed, final double usd) {
        final ObjectNode n = line("reply").put("model", reply.model()).put("request_chars", requestChars)
            .put("trimmed_messages", trimmed).put("stop", reply.stopReason())
            .put("input_tokens", reply.usage().inputTokens()).put("output_tokens", reply.usage().outputTokens())
            .put("usd", usd).put("text", cut(reply.text()));
        final ArrayNode calls = n.putArray("tool_calls");
        for (final Part.ToolCall c : reply.toolCalls()) {
            calls.addObject().put("name", c.name()).put("input", cut(c.input().toString()));
        }
        write(n);
    }

    void toolResult(final String tool, final Part.ToolResult result) {
        write(line("tool_result").put("tool", tool).put("error", result.error()).put("content",
            cut(result.content())));
    }

    /** A note from the role itself (a fallback taken, a failure). */
    public void note(final String text) {
        write(line("note").put("text", cut(text)));
    }

    private static ObjectNode line(final String kind) {
        return JSON.createObjectNode().put("at", Instant.now().toString()).put("kind", kind);
    }

    private String cut(final String s) {
        final String r = redactor.apply(s);
        return r.length() <= KEEP ? r : r.substring(0, KEEP) + "... (" + r.length() + " chars)";
    }

    private void write(final ObjectNode n) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, redactor.apply(n.toString()) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (final IOException e) {
            throw new UncheckedIOException(file + ": cannot append to the transcript", e);
        }
    }
}
