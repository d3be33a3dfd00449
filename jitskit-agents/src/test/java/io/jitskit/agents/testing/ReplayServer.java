package io.jitskit.agents.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server that speaks the Anthropic Messages or the OpenAI chat completions wire format and replays recorded
 * exchanges, so clients and roles are tested end to end without a network.
 *
 * <p>A script (a JSON resource) holds, per role, the steps to replay in order:
 * <pre>
 * {"planner": [ {"reply": { ...the provider's non-streaming response body... }} ],
 *  "coder":   [ {"status": 429, "headers": {"retry-after": "0"}, "body": {"error": {...}}},
 *               {"raw": "this is not json"},
 *               {"stream_error": {"type": "overloaded_error", "message": "Overloaded"}},
 *               {"reply": {...}} ]}
 * </pre>
 * The role is read from the request's system prompt ("You are the coder of ..."). A reply is sent as the client
 * asked: whole JSON, or, for {@code stream: true}, converted into the provider's event stream with text and tool
 * arguments split across deltas. In OpenAI replies, a tool call's {@code arguments} may be recorded as an object; it
 * is sent as the JSON string the API uses. Text values may hold {@code {{name}}} placeholders, filled from a map the
 * test gives (the known-good store source, say). The key is checked as the real API checks it; a wrong one gets the
 * provider's 401 body, which echoes the key, so tests can prove it is redacted.
 */
public final class ReplayServer implements AutoCloseable {

    /** The wire formats. */
    public enum Wire { ANTHROPIC, OPENAI }

    /** One request as received. */
    public record Received(String role, JsonNode body, Map<String, List<String>> headers) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROLE = Pattern.compile("You are the (\\w+) of");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final Wire wire;
    private final String apiKey;
    private final Map<String, Deque<JsonNode>> steps = new HashMap<>();
    private final Map<String, String> fills;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;

    private ReplayServer(final Wire wire, final String apiKey, final JsonNode script, final Map<String, String> fills)
        throws IOException {
        this.wire = wire;
        this.apiKey = apiKey;
        this.fills = Map.copyOf(fills);
        for (final Iterator<Map.Entry<String, JsonNode>> it = script.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            final Deque<JsonNode> q = new ArrayDeque<>();
            e.getValue().forEach(q::add);
            steps.put(e.getKey(), q);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server replaying the script resource {@code resource} (on the test class path). */
    public static ReplayServer start(final Wire wire, final String apiKey, final String resource,
                                     final Map<String, String> fills) throws IOException {
        try (InputStream in = ReplayServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            return new ReplayServer(wire, apiKey, JSON.readTree(in), fills);
        }
    }

    /** The base URL a client is configured with ({@code ANTHROPIC_BASE_URL} or {@code OPENAI_BASE_URL} form). */
    public String baseUrl() {
        final String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return wire == Wire.OPENAI ? root + "/v1" : root;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Steps not yet replayed, per role: a finished script leaves none. */
    public synchronized Map<String, Integer> remaining() {
        final Map<String, Integer> out = new HashMap<>();
        steps.forEach((role, q) -> {
            if (!q.isEmpty()) {
                out.put(role, q.size());
            }
        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(final HttpExchange ex) throws IOException {
        try (ex) {
            final String expectedPath = wire == Wire.ANTHROPIC ? "/v1/messages" : "/v1/chat/completions";
            if (!"POST".equals(ex.getRequestMethod()) || !expectedPath.equals(ex.getRequestURI().getPath())) {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"no route " + ex.getRequestURI() + "\"}}");
                return;
            }
            final JsonNode body = JSON.readTree(ex.getRequestBody());
            final String system = wire == Wire.ANTHROPIC ? body.path("system").asText()
                : body.path("messages").path(0).path("content").asText();
            final Matcher m = ROLE.matcher(system);
            final String role = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "unknown";
            received.add(new Received(role, body, Map.copyOf(ex.getRequestHeaders())));
            if (!authorized(ex)) {
                final String presented = wire == Wire.ANTHROPIC ? ex.getRequestHeaders().getFirst("x-api-key")
                    : ex.getRequestHeaders().getFirst("authorization");
                final String message = "invalid x-api-key: " + presented;
                send(ex, 401, "application/json", wire == Wire.ANTHROPIC
                    ? "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"" + message
                        + "\"}}"
                    : "{\"error\":{\"message\":\"Incorrect API key provided: " + presented + "\",\"type\":"
                        + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
                return;
            }
            final JsonNode step;
            synchronized (this) {
                final Deque<JsonNode> q = steps.get(role);
                step = q == null ? null : q.poll();
            }
            if (step == null) {
                send(ex, 400, "application/json", "{\"error\":{\"message\":\"replay script has no more steps for role "
                    + role + "\"}}");
                return;
            }
            replay(ex, step, body.path("stream").asBoolean(false));
        }
    }

    private boolean authorized(final HttpExchange ex) {
        if (wire == Wire.ANTHROPIC) {
            return apiKey.equals(ex.getRequestHeaders().getFirst("x-api-key"))
                && "2023-06-01".equals(ex.getRequestHeaders().getFirst("anthropic-version"));
        }
        return ("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("authorization"));
    }

    private void replay(final HttpExchange ex, final JsonNode step, final boolean stream) throws IOException {
        if (step.has("status")) {
            step.path("headers").fields().forEachRemaining(h -> ex.getResponseHeaders().add(h.getKey(),
                h.getValue().asText()));
            send(ex, step.path("status").asInt(), "application/json", step.path("body").toString());
        } else if (step.has("raw")) {
            send(ex, 200, stream ? "text/event-stream" : "application/json", step.path("raw").asText());
        } else if (step.has("stream_error")) {
            final ObjectNode error = JSON.createObjectNode().put("type", "error");
            error.set("error", step.path("stream_error"));
            send(ex, 200, "text/event-stream", event("message_start", JSON.createObjectNode()
                .put("type", "message_start").set("message", JSON.createObjectNode().put("model", "replay")))
                + event("error", error));
        } else {
            final JsonNode reply = fill(step.path("reply").deepCopy());
            if (wire == Wire.OPENAI) {
                stringifyArguments(reply);
            }
            if (!stream) {
                send(ex, 200, "application/json", reply.toString());
            } else {
                send(ex, 200, "text/event-stream", wire == Wire.ANTHROPIC ? anthropicStream(reply)
                    : openAiStream(reply));
            }
        }
    }

    private JsonNode fill(final JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (final Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                e.setValue(fill(e.getValue()));
            }
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, fill(a.get(i)));
            }
            return a;
        }
        if (node.isTextual() && node.asText().contains("{{")) {
            final Matcher m = PLACEHOLDER.matcher(node.asText());
            final StringBuilder sb = new StringBuilder();
            while (m.find()) {
                final String value = fills.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("replay script placeholder {{" + m.group(1) + "}} has no value");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            return new TextNode(sb.toString());
        }
        return node;
    }

    private static void stringifyArguments(final JsonNode reply) {
        for (final JsonNode choice : reply.path("choices")) {
            for (final JsonNode call : choice.path("message").path("tool_calls")) {
                final JsonNode fn = call.path("function");
                if (fn.path("arguments").isObject()) {
                    ((ObjectNode) fn).put("arguments", fn.path("arguments").toString());
                }
            }
        }
    }

    /** message_start, per block start / deltas / stop, message_delta, message_stop, with a ping between. */
    private static String anthropicStream(final JsonNode reply) {
        final StringBuilder sb = new StringBuilder();
        final ObjectNode start = reply.deepCopy();
        start.putArray("content");
        start.put("stop_reason", (String) null);
        ((ObjectNode) start.path("usage")).put("output_tokens", 1);
        sb.append(event("message_start", JSON.createObjectNode().put("type", "message_start").set("message", start)));
        sb.append(event("ping", JSON.createObjectNode().put("type", "ping")));
        int index = 0;
        for (final JsonNode block : reply.path("content")) {
            final ObjectNode first = block.deepCopy();
            final List<ObjectNode> deltas = new ArrayList<>();
            if ("tool_use".equals(block.path("type").asText())) {
                first.putObject("input");
                for (final String piece : pieces(block.path("input").toString())) {
                    deltas.add(JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", piece));
                }
            } else {
                first.put("text", "");
                for (final String piece : pieces(block.path("text").asText())) {
                    deltas.add(JSON.createObjectNode().put("type", "text_delta").put("text", piece));
                }
            }
            sb.append(event("content_block_start", JSON.createObjectNode().put("type", "content_block_start")
                .put("index", index).set("content_block", first)));
            for (final ObjectNode d : deltas) {
                sb.append(event("content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                    .put("index", index).set("delta", d)));
            }
            sb.append(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop")
                .put("index", index)));
            index++;
        }
        final ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", reply.path("stop_reason").asText()).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", reply.path("usage").path("output_tokens").asLong());
        sb.append(event("message_delta", delta));
        sb.append(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return sb.toString();
    }

    /** A role chunk, content and tool-call chunks, a finish chunk, a usage chunk, [DONE]. */
    private static String openAiStream(final JsonNode reply) {
        final StringBuilder sb = new StringBuilder();
        final JsonNode message = reply.path("choices").path(0).path("message");
        sb.append(data(chunk(reply, JSON.createObjectNode().put("role", "assistant"), null)));
        if (message.path("content").isTextual()) {
            for (final String piece : pieces(message.path("content").asText())) {
                sb.append(data(chunk(reply, JSON.createObjectNode().put("content", piece), null)));
            }
        }
        int index = 0;
        for (final JsonNode call : message.path("tool_calls")) {
            final ObjectNode head = JSON.createObjectNode();
            final ObjectNode c = head.putArray("tool_calls").addObject().put("index", index).put("id",
                call.path("id").asText()).put("type", "function");
            c.putObject("function").put("name", call.path("function").path("name").asText()).put("arguments", "");
            sb.append(data(chunk(reply, head, null)));
            for (final String piece : pieces(call.path("function").path("arguments").asText())) {
                final ObjectNode d = JSON.createObjectNode();
                d.putArray("tool_calls").addObject().put("index", index).putObject("function")
                    .put("arguments", piece);
                sb.append(data(chunk(reply, d, null)));
            }
            index++;
        }
        sb.append(data(chunk(reply, JSON.createObjectNode(), reply.path("choices").path(0).path("finish_reason")
            .asText())));
        final ObjectNode usage = JSON.createObjectNode().put("id", reply.path("id").asText())
            .put("object", "chat.completion.chunk").put("model", reply.path("model").asText());
        usage.putArray("choices");
        usage.set("usage", reply.path("usage"));
        sb.append(data(usage.toString()));
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    private static String chunk(final JsonNode reply, final ObjectNode delta, final String finish) {
        final ObjectNode c = JSON.createObjectNode().put("id", reply.path("id").asText())
            .put("object", "chat.completion.chunk").put("model", reply.path("model").asText());
        final ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        c.putNull("usage");
        return c.toString();
    }

    /** Splits text into three pieces (or fewer), so deltas must be joined. */
    private static List<String> pieces(final String s) {
        final List<String> out = new ArrayList<>();
        final int step = Math.max(1, s.length() / 3 + 1);
        for (int i = 0; i < s.length(); i += step) {
            out.add(s.substring(i, Math.min(s.length(), i + step)));
        }
        return out;
    }

    private static String event(final String type, final JsonNode data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static String data(final String json) {
        return "data: " + json + "\n\n";
    }

    private static void send(final HttpExchange ex, final int status, final String type, final String body)
        throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
