package io.jitskit.agents.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.agents.testing.ReplayServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiClientTest {

    private static OpenAiClient client(final ReplayServer server, final String key, final boolean stream) {
        return new OpenAiClient(server.baseUrl(), key, "OPENAI_API_KEY", "llama-3.1-8b-instruct", stream,
            AnthropicClientTest.FAST, new Redactor(List.of(key)));
    }

    private static ReplayServer errors() throws Exception {
        return ReplayServer.start(ReplayServer.Wire.OPENAI, AgentFixtures.KEY, "/recordings/openai/errors.json",
            Map.of());
    }

    @Test
    void theBaseUrlGetsV1OnlyWhenItHasNoPath() {
        assertEquals("http://localhost:8000/v1", OpenAiClient.apiRoot("http://localhost:8000"));
        assertEquals("http://localhost:11434/v1", OpenAiClient.apiRoot("http://localhost:11434/v1/"));
        assertEquals("https://api.openai.com/v1", OpenAiClient.apiRoot("https://api.openai.com/v1"));
    }

    @Test
    void aRateLimitIsRetriedAndStreamedToolCallsAreJoinedByIndex() throws Exception {
        try (ReplayServer server = errors()) {
            final Message assistant = new Message(Message.Role.ASSISTANT, List.of(new Part.Text("reading"),
                new Part.ToolCall("call_0", "read_file", Schemas.node().put("path", "a"), null)));
            final Message results = new Message(Message.Role.USER, List.of(new Part.ToolResult("call_0", "no such "
                + "file", true)));
            final ModelReply reply = client(server, AgentFixtures.KEY, true).send(new ModelRequest(
                "You are the planner of jitskit's synthesis loop.", List.of(Message.user("go"), assistant, results),
                List.of(new ToolSpec("read_file", "Read.", Schemas.object())), null, 500));
            assertEquals(2, server.received().size(), "one 429, then the answer");
            assertEquals("tool_use", reply.stopReason());
            assertEquals(new Usage(100, 20), reply.usage());
            assertEquals("two calls", reply.text());
            final List<Part.ToolCall> calls = reply.toolCalls();
            assertEquals("src/A.java", calls.get(0).input().path("path").asText());
            assertNull(calls.get(0).inputError());
            assertTrue(calls.get(1).inputError().startsWith("arguments are not a valid JSON object"),
                calls.get(1).inputError());

            final JsonNode sent = server.received().getLast().body();
            assertTrue(sent.path("stream_options").path("include_usage").asBoolean());
            final JsonNode messages = sent.path("messages");
            assertEquals("system", messages.get(0).path("role").asText());
            assertEquals("assistant", messages.get(2).path("role").asText());
            assertEquals("{\"path\":\"a\"}", messages.get(2).path("tool_calls").get(0).path("function")
                .path("arguments").asText());
            assertEquals("tool", messages.get(3).path("role").asText());
            assertEquals("ERROR: no such file", messages.get(3).path("content").asText());
            assertEquals("function", sent.path("tools").get(0).path("type").asText());
        }
    }

    @Test
    void aMalformedStreamChunkSaysSo() throws Exception {
        try (ReplayServer server = errors()) {
            final ModelException e = assertThrows(ModelException.class, () -> client(server, AgentFixtures.KEY, false)
                .send(new ModelRequest("You are the critic of jitskit's synthesis loop.", List.of(Message.user("x")),
                    List.of(), null, 10)));
            assertEquals(ModelException.Kind.MALFORMED, e.kind());
            assertTrue(e.getMessage().startsWith("openai returned malformed JSON"), e.getMessage());
        }
    }

    @Test
    void aRefusedKeyNamesOpenAiApiKeyAndIsRedacted() throws Exception {
        try (ReplayServer server = errors()) {
            final String wrong = "sk-proj-wrongwrongwrong";
            final ModelException e = assertThrows(ModelException.class, () -> client(server, wrong, true)
                .send(new ModelRequest("You are the planner of x.", List.of(Message.user("x")), List.of(), null,
                    10)));
            assertEquals(ModelException.Kind.AUTH, e.kind());
            assertTrue(e.getMessage().startsWith("OPENAI_API_KEY is not valid (openai answered 401"), e.getMessage());
            assertFalse(e.getMessage().contains("wrongwrong"), e.getMessage());
        }
    }
}
