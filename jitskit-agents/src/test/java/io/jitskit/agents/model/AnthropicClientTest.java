package io.jitskit.agents.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.agents.testing.ReplayServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicClientTest {

    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(50));

    private static AnthropicClient client(final ReplayServer server, final String key, final boolean stream,
                                          final RetryPolicy retries) {
        return new AnthropicClient(server.baseUrl(), key, "ANTHROPIC_API_KEY", "claude-sonnet-4-5", stream, retries,
            new Redactor(List.of(key)));
    }

    private static ModelRequest ask(final String role) {
        return new ModelRequest("You are the " + role + " of jitskit's synthesis loop.", List.of(Message.user("go")),
            List.of(new ToolSpec("propose", "Propose.", Schemas.object())), null, 1000);
    }

    private static ReplayServer loop() throws Exception {
        return ReplayServer.start(ReplayServer.Wire.ANTHROPIC, AgentFixtures.KEY, "/recordings/anthropic/loop.json",
            Map.of());
    }

    private static ReplayServer errors() throws Exception {
        return ReplayServer.start(ReplayServer.Wire.ANTHROPIC, AgentFixtures.KEY, "/recordings/anthropic/errors.json",
            Map.of());
    }

    @Test
    void streamedToolCallsAreAssembledFromTheirDeltasWithUsage() throws Exception {
        try (ReplayServer server = loop()) {
            final ModelReply reply = client(server, AgentFixtures.KEY, true, FAST).send(ask("planner"));
            assertEquals("tool_use", reply.stopReason());
            assertEquals("claude-sonnet-4-5-20250929", reply.model());
            assertEquals(new Usage(2400, 180), reply.usage());
            assertTrue(reply.text().startsWith("Nothing has passed yet"), reply.text());
            final Part.ToolCall call = reply.toolCalls().getFirst();
            assertEquals("toolu_p1", call.id());
            assertEquals("new", call.input().path("kind").asText());
            assertTrue(call.input().path("design").asText().startsWith("Seqlocked open-addressing"));
            final JsonNode sent = server.received().getFirst().body();
            assertTrue(sent.path("stream").asBoolean());
            assertEquals("object", sent.path("tools").path(0).path("input_schema").path("type").asText());
        }
    }

    @Test
    void wholeRepliesParseAsStreamedOnesDo() throws Exception {
        try (ReplayServer server = loop()) {
            final ModelReply reply = client(server, AgentFixtures.KEY, false, FAST).send(ask("planner"));
            assertEquals(new Usage(2400, 180), reply.usage());
            assertEquals("propose", reply.toolCalls().getFirst().name());
            assertFalse(server.received().getFirst().body().has("stream"));
        }
    }

    @Test
    void rateLimitOverloadAndAnOverloadEventMidStreamAreRetriedUntilTheAnswer() throws Exception {
        try (ReplayServer server = errors()) {
            final ModelReply reply = client(server, AgentFixtures.KEY, true, FAST).send(ask("planner"));
            assertEquals("hello after three retries", reply.text());
            assertEquals(new Usage(17, 5), reply.usage(), "cache reads count as input");
            assertEquals(4, server.received().size());
        }
    }

    @Test
    void overloadThatOutlastsTheRetriesEndsInOneLine() throws Exception {
        try (ReplayServer server = errors()) {
            final ModelException e = assertThrows(ModelException.class, () -> client(server, AgentFixtures.KEY,
                false, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5)))
                .send(ask("coder")));
            assertEquals(ModelException.Kind.OVERLOADED, e.kind());
            assertTrue(e.getMessage().contains("overloaded (529): Overloaded (gave up after 3 tries)"),
                e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aRefusedKeyNamesTheVariableToSetAndNeverShowsTheKey() throws Exception {
        try (ReplayServer server = loop()) {
            final String wrong = "sk-ant-wrong-key-0000000000";
            final ModelException e = assertThrows(ModelException.class, () -> client(server, wrong, true, FAST)
                .send(ask("planner")));
            assertEquals(ModelException.Kind.AUTH, e.kind());
            assertTrue(e.getMessage().startsWith("ANTHROPIC_API_KEY is not valid (anthropic answered 401: invalid "
                + "x-api-key"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-key"), "the server echoed the key: " + e.getMessage());
            assertEquals(1, server.received().size(), "a refused key is not retried");
        }
    }

    @Test
    void malformedJsonSaysWhatCameBackAndIsNotRetried() throws Exception {
        try (ReplayServer server = errors()) {
            final ModelException e = assertThrows(ModelException.class, () -> client(server, AgentFixtures.KEY,
                false, FAST).send(ask("critic")));
            assertEquals(ModelException.Kind.MALFORMED, e.kind());
            assertTrue(e.getMessage().startsWith("anthropic returned malformed JSON"), e.getMessage());
        }
    }

    @Test
    void aRefusedRequestCarriesTheServersReason() throws Exception {
        try (ReplayServer server = errors()) {
            final ModelException e = assertThrows(ModelException.class, () -> client(server, AgentFixtures.KEY,
                true, FAST).send(ask("auditor")));
            assertEquals(ModelException.Kind.REJECTED, e.kind());
            assertEquals("anthropic refused the request (400): model: no-such-model", e.getMessage());
        }
    }
}
