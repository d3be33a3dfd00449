package io.jitskit.agents.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Anthropic Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}; tools as {@code {name, description, input_schema}}, calls as
 * {@code tool_use} blocks, results as {@code tool_result} blocks in the next user turn.
 *
 * <p>Streaming (the default) reads the event stream: {@code message_start} (model, input tokens),
 * {@code content_block_start} / {@code content_block_delta} ({@code text_delta}, {@code input_json_delta}) /
 * {@code content_block_stop}, {@code message_delta} (stop reason, output tokens), {@code message_stop}; an
 * {@code error} event mid-stream (overload) is retried like a 529. A stream that ends without {@code message_stop}
 * is retried as a dropped connection.
 */
public final class AnthropicClient implements ModelClient {

    public static final String VERSION = "2023-06-01";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final boolean stream;
    private final ApiTransport transport;

    /**
     * @param baseUrl e.g. {@code https://api.anthropic.com}
     * @param keyName how the user sets the key, named when it is refused
     */
    public AnthropicClient(final String baseUrl, final String apiKey, final String keyName, final String model,
                           final boolean stream, final RetryPolicy retries, final Redactor redactor) {
        this.endpoint = URI.create(stripSlash(baseUrl) + "/v1/messages");
        this.apiKey = apiKey;
        this.model = model;
        this.stream = stream;
        this.transport = ApiTransport.forModelApi("anthropic", keyName, retries, redactor);
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ModelReply send(final ModelRequest request) throws ModelException {
        final String body = body(request).toString();
        final Map<String, String> headers = Map.of("x-api-key", apiKey, "anthropic-version", VERSION);
        return transport.post(endpoint, headers, body, stream ? this::readStream : this::readWhole);
    }

    ObjectNode body(final ModelRequest request) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("max_tokens", request.maxTokens());
        root.put("system", request.system());
        final ArrayNode messages = root.putArray("messages");
        for (final Message m : request.messages()) {
            final ObjectNode out = messages.addObject();
            out.put("role", m.role() == Message.Role.USER ? "user" : "assistant");
            final ArrayNode content = out.putArray("content");
            for (final Part p : m.parts()) {
                switch (p) {
                    case Part.Text t -> content.addObject().put("type", "text").put("text", t.text());
                    case Part.ToolCall c -> {
                        final ObjectNode block = content.addObject().put("type", "tool_use").put("id", c.id())
                            .put("name", c.name());
                        block.set("input", c.input());
                    }
                    case Part.ToolResult r -> content.addObject().put("type", "tool_result")
                        .put("tool_use_id", r.callId()).put("content", r.content()).put("is_error", r.error());
                }
            }
        }
        if (!request.tools().isEmpty()) {
            final ArrayNode tools = root.putArray("tools");
            for (final ToolSpec t : request.tools()) {
                final ObjectNode tool = tools.addObject().put("name", t.name()).put("description", t.description());
                tool.set("input_schema", t.inputSchema());
            }
            if (request.forcedTool() != null) {
                root.putObject("tool_choice").put("type", "tool").put("name", request.forcedTool());
            }
        }
        if (stream) {
            root.put("stream", true);
        }
        return root;
    }

    private ModelReply readWhole(final InputStream in) throws IOException {
        final JsonNode root = JSON.readTree(in);
        final List<Part> parts = new ArrayList<>();
        for (final JsonNode block : root.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> parts.add(new Part.Text(block.path("text").asText()));
                case "tool_use" -> parts.add(toolCall(block.path("id").asText(), block.path("name").asText(),
                    block.path("input")));
                default -> {
                    // Thinking and other block kinds carry nothing the loop acts on.
                }
            }
        }
        if (!root.has("content")) {
            throw malformed("a reply without content: " + abbreviate(root.toString()));
        }
        return new ModelReply(parts, root.path("stop_reason").asText("end_turn"), usage(root.path("usage")),
            root.path("model").asText(model));
    }

    private ModelReply readStream(final InputStream in) throws IOException {
        final StreamState s = new StreamState();
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        SseReader.read(reader, (type, data) -> s.on(type, JSON.readTree(data)));
        if (!s.stopped) {
            throw new ModelException(ModelException.Kind.UNREACHABLE, "anthropic stream ended before message_stop");
        }
        final List<Part> parts = new ArrayList<>();
        for (final Block b : s.blocks.values()) {
            if (b.toolId == null) {
                parts.add(new Part.Text(b.text.toString()));
            } else {
                final String json = b.text.isEmpty() ? "{}" : b.text.toString();
                JsonNode input;
                try {
                    input = JSON.readTree(json);
                } catch (final IOException e) {
                    input = null;
                }
                parts.add(input == null
                    ? new Part.ToolCall(b.toolId, b.toolName, JSON.createObjectNode(), "arguments are not valid JSON: "
                        + abbreviate(json))
                    : toolCall(b.toolId, b.toolName, input));
            }
        }
        return new ModelReply(parts, s.stopReason, new Usage(s.input, s.output), s.model);
    }

    /** Blocks by index, in the order the stream announced them. */
    private final class StreamState {
        final Map<Integer, Block> blocks = new TreeMap<>();
        String model = AnthropicClient.this.model;
        String stopReason = "end_turn";
        long input;
        long output;
        boolean stopped;

        boolean on(final String type, final JsonNode event) throws ModelException {
            switch (type) {
                case "message_start" -> {
                    final JsonNode message = event.path("message");
                    model = message.path("model").asText(model);
                    input = inputTokens(message.path("usage"));
                    output = message.path("usage").path("output_tokens").asLong();
                }
                case "content_block_start" -> {
                    final JsonNode cb = event.path("content_block");
                    final Block b = new Block();
                    if ("tool_use".equals(cb.path("type").asText())) {
                        b.toolId = cb.path("id").asText();
                        b.toolName = cb.path("name").asText();
                    } else if (!"text".equals(cb.path("type").asText())) {
                        return true;
                    }
                    blocks.put(event.path("index").asInt(), b);
                }
                case "content_block_delta" -> {
                    final Block b = blocks.get(event.path("index").asInt());
                    final JsonNode delta = event.path("delta");
                    if (b != null) {
                        b.text.append(delta.has("partial_json") ? delta.path("partial_json").asText()
                            : delta.path("text").asText());
                    }
                }
                case "message_delta" -> {
                    stopReason = event.path("delta").path("stop_reason").asText(stopReason);
                    // The final usage is cumulative: it replaces, never adds to, what message_start said.
                    if (event.path("usage").has("output_tokens")) {
                        output = event.path("usage").path("output_tokens").asLong();
                    }
                    if (event.path("usage").has("input_tokens")) {
                        input = inputTokens(event.path("usage"));
                    }
                }
                case "message_stop" -> {
                    stopped = true;
                    return false;
                }
                case "error" -> {
                    final JsonNode error = event.path("error");
                    final boolean overloaded = "overloaded_error".equals(error.path("type").asText())
                        || "api_error".equals(error.path("type").asText());
                    throw new ModelException(overloaded ? ModelException.Kind.OVERLOADED
                        : ModelException.Kind.REJECTED, transport.clean("anthropic stream error ("
                        + error.path("type").asText() + "): " + error.path("message").asText()));
                }
                default -> {
                    // ping and content_block_stop change nothing we keep.
                }
            }
            return true;
        }
    }

    private static final class Block {
        final StringBuilder text = new StringBuilder();
        String toolId;
        String toolName;
    }

    private Part.ToolCall toolCall(final String id, final String name, final JsonNode input) {
        if (input instanceof ObjectNode o) {
            return new Part.ToolCall(id, name, o, null);
        }
        return new Part.ToolCall(id, name, JSON.createObjectNode(), "arguments must be a JSON object, got "
            + abbreviate(String.valueOf(input)));
    }

    private static Usage usage(final JsonNode usage) {
        return new Usage(inputTokens(usage), usage.path("output_tokens").asLong());
    }

    /** Uncached, cache-write and cache-read input tokens: all of them were sent. */
    private static long inputTokens(final JsonNode usage) {
        return usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong()
            + usage.path("cache_read_input_tokens").asLong();
    }

    private ModelException malformed(final String what) {
        return new ModelException(ModelException.Kind.MALFORMED, transport.clean("anthropic returned " + what));
    }

    static String abbreviate(final String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }

    static String stripSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
