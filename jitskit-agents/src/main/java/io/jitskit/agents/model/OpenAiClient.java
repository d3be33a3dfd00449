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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAI-compatible chat completions API, which vLLM, Ollama and llama.cpp servers also speak:
 * {@code POST {base}/chat/completions} with {@code Authorization: Bearer}; tools as {@code function}s, calls in the
 * assistant message's {@code tool_calls} (arguments as a JSON string), results as {@code role: tool} messages.
 *
 * <p>The base URL is the SDKs' {@code OPENAI_BASE_URL}, which ends in {@code /v1}; a base without a path gets
 * {@code /v1} added. Streaming asks for {@code stream_options.include_usage} and reads {@code data:} chunks up to
 * {@code [DONE]}, assembling tool calls by their {@code index}. A local server needs no key: the header is then
 * left out.
 */
public final class OpenAiClient implements ModelClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final boolean stream;
    private final ApiTransport transport;

    /**
     * @param apiKey  the key, or null for a local server without authentication
     * @param keyName how the user sets the key, named when it is refused
     */
    public OpenAiClient(final String baseUrl, final String apiKey, final String keyName, final String model,
                        final boolean stream, final RetryPolicy retries, final Redactor redactor) {
        this.endpoint = URI.create(apiRoot(baseUrl) + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.stream = stream;
        this.transport = ApiTransport.forModelApi("openai", keyName, retries, redactor);
    }

    /** {@code https://host/v1} stays; {@code http://host:8000} becomes {@code http://host:8000/v1}. */
    static String apiRoot(final String baseUrl) {
        final String base = AnthropicClient.stripSlash(baseUrl);
        final String path = URI.create(base).getPath();
        return path == null || path.isEmpty() ? base + "/v1" : base;
    }

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ModelReply send(final ModelRequest request) throws ModelException {
        final Map<String, String> headers = new HashMap<>();
        if (apiKey != null) {
            headers.put("authorization", "Bearer " + apiKey);
        }
        return transport.post(endpoint, headers, body(request).toString(), stream ? this::readStream
            : this::readWhole);
    }

    ObjectNode body(final ModelRequest request) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("max_tokens", request.maxTokens());
        final ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        for (final Message m : request.messages()) {
            if (m.role() == Message.Role.ASSISTANT) {
                final ObjectNode out = messages.addObject().put("role", "assistant");
                final StringBuilder text = new StringBuilder();
                final ArrayNode calls = JSON.createArrayNode();
                for (final Part p : m.parts()) {
                    if (p instanceof Part.Text t) {
                        text.append(t.text());
                    } else if (p instanceof Part.ToolCall c) {
                        calls.addObject().put("id", c.id()).put("type", "function").putObject("function")
                            .put("name", c.name()).put("arguments", c.input().toString());
                    }
                }
                if (text.isEmpty()) {
                    out.putNull("content");
                } else {
                    out.put("content", text.toString());
                }
                if (!calls.isEmpty()) {
                    out.set("tool_calls", calls);
                }
                continue;
            }
            final StringBuilder text = new StringBuilder();
            for (final Part p : m.parts()) {
                if (p instanceof Part.ToolResult r) {
                    // The chat format has no error flag on a tool result: the text says it.
                    messages.addObject().put("role", "tool").put("tool_call_id", r.callId())
                        .put("content", r.error() ? "ERROR: " + r.content() : r.content());
                } else if (p instanceof Part.Text t) {
                    text.append(t.text());
                }
            }
            if (!text.isEmpty()) {
                messages.addObject().put("role", "user").put("content", text.toString());
            }
        }
        if (!request.tools().isEmpty()) {
            final ArrayNode tools = root.putArray("tools");
            for (final ToolSpec t : request.tools()) {
                final ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", t.name()).put("description", t.description());
                fn.set("parameters", t.inputSchema());
            }
            if (request.forcedTool() != null) {
                root.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", request.forcedTool());
            }
        }
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        return root;
    }

    private ModelReply readWhole(final InputStream in) throws IOException {
        final JsonNode root = JSON.readTree(in);
        final JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new ModelException(ModelException.Kind.MALFORMED, transport.clean("openai returned a reply "
                + "without choices: " + AnthropicClient.abbreviate(root.toString())));
        }
        final JsonNode message = choice.path("message");
        final List<Part> parts = new ArrayList<>();
        if (message.path("content").isTextual() && !message.path("content").asText().isEmpty()) {
            parts.add(new Part.Text(message.path("content").asText()));
        }
        for (final JsonNode call : message.path("tool_calls")) {
            parts.add(toolCall(call.path("id").asText(), call.path("function").path("name").asText(),
                call.path("function").path("arguments").asText()));
        }
        return new ModelReply(parts, stopReason(choice.path("finish_reason").asText("stop")),
            usage(root.path("usage")), root.path("model").asText(model));
    }

    private ModelReply readStream(final InputStream in) throws IOException {
        final StringBuilder text = new StringBuilder();
        final Map<Integer, String[]> calls = new TreeMap<>();
        final Map<Integer, StringBuilder> arguments = new HashMap<>();
        final String[] finish = {"stop"};
        final String[] answered = {model};
        final Usage[] usage = {Usage.NONE};
        final boolean done = SseReader.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
            (type, data) -> {
                if ("[DONE]".equals(data.strip())) {
                    return false;
                }
                final JsonNode chunk = JSON.readTree(data);
                if (chunk.has("error")) {
                    final String said = chunk.path("error").path("message").asText();
                    throw new ModelException(ModelException.Kind.OVERLOADED, transport.clean("openai stream error: "
                        + said));
                }
                answered[0] = chunk.path("model").asText(answered[0]);
                if (chunk.path("usage").isObject()) {
                    usage[0] = usage(chunk.path("usage"));
                }
                final JsonNode choice = chunk.path("choices").path(0);
                final JsonNode delta = choice.path("delta");
                if (delta.path("content").isTextual()) {
                    text.append(delta.path("content").asText());
                }
                for (final JsonNode call : delta.path("tool_calls")) {
                    final int index = call.path("index").asInt();
                    final String[] idName = calls.computeIfAbsent(index, i -> new String[2]);
                    if (call.has("id")) {
                        idName[0] = call.path("id").asText();
                    }
                    if (call.path("function").has("name")) {
                        idName[1] = call.path("function").path("name").asText();
                    }
                    arguments.computeIfAbsent(index, i -> new StringBuilder())
                        .append(call.path("function").path("arguments").asText(""));
                }
                if (choice.path("finish_reason").isTextual()) {
                    finish[0] = choice.path("finish_reason").asText();
                }
                return true;
            });
        if (!done) {
            throw new ModelException(ModelException.Kind.UNREACHABLE, "openai stream ended before [DONE]");
        }
        final List<Part> parts = new ArrayList<>();
        if (!text.isEmpty()) {
            parts.add(new Part.Text(text.toString()));
        }
        for (final Map.Entry<Integer, String[]> c : calls.entrySet()) {
            final String id = c.getValue()[0] != null ? c.getValue()[0] : "call_" + c.getKey();
            parts.add(toolCall(id, String.valueOf(c.getValue()[1]), arguments.get(c.getKey()).toString()));
        }
        return new ModelReply(parts, stopReason(finish[0]), usage[0], answered[0]);
    }

    private static Part.ToolCall toolCall(final String id, final String name, final String arguments) {
        final String json = arguments == null || arguments.isBlank() ? "{}" : arguments;
        try {
            if (JSON.readTree(json) instanceof ObjectNode o) {
                return new Part.ToolCall(id, name, o, null);
            }
        } catch (final IOException e) {
            // Falls through: the model gets the error back as the tool's result and can try again.
        }
        return new Part.ToolCall(id, name, JSON.createObjectNode(), "arguments are not a valid JSON object: "
            + AnthropicClient.abbreviate(json));
    }

    private static String stopReason(final String finish) {
        return switch (finish) {
            case "tool_calls", "function_call" -> "tool_use";
            case "stop" -> "end_turn";
            case "length" -> "max_tokens";
            default -> finish;
        };
    }

    private static Usage usage(final JsonNode usage) {
        return new Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
    }
}
