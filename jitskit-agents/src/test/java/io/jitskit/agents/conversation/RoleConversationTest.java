package io.jitskit.agents.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitskit.agents.AgentRole;
import io.jitskit.agents.CostLedger;
import io.jitskit.agents.config.PriceTable;
import io.jitskit.agents.model.AnthropicClient;
import io.jitskit.agents.model.Redactor;
import io.jitskit.agents.model.RetryPolicy;
import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.agents.testing.ReplayServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleConversationTest {

    @Test
    void memoryPersistsAcrossExchangesAndTheOldestGoFirstWhenTheContextFills() throws Exception {
        try (ReplayServer server = ReplayServer.start(ReplayServer.Wire.ANTHROPIC, AgentFixtures.KEY,
            "/recordings/anthropic/conversation.json", Map.of())) {
            final CostLedger ledger = new CostLedger(new PriceTable(Map.of("claude-haiku-4", new PriceTable.Price(1,
                5))), 0, null);
            final AnthropicClient client = new AnthropicClient(server.baseUrl(), AgentFixtures.KEY,
                "ANTHROPIC_API_KEY", "claude-haiku-4-5", true, new RetryPolicy(1, Duration.ZERO, Duration.ZERO,
                Duration.ZERO), Redactor.none());
            // A budget of 4 000 characters: two exchanges of 1 500 fit, a third does not.
            final RoleConversation c = new RoleConversation(AgentRole.PLANNER, "You are the planner of a test.",
                client, ledger, 1_100, 100, Transcript.none());
            c.open("brief one " + "a".repeat(1_500));
            c.ask(List.of(), null);
            c.open("brief two " + "b".repeat(1_500));
            c.ask(List.of(), null);
            c.open("brief three " + "c".repeat(1_500));
            c.ask(List.of(), null);

            final JsonNode second = server.received().get(1).body().path("messages");
            assertEquals(3, second.size(), "the second request remembers the first exchange");
            final JsonNode third = server.received().get(2).body().path("messages");
            assertEquals(3, third.size(), "the first exchange was dropped to fit");
            assertTrue(third.get(0).toString().contains("brief two"), third.toString());
            assertTrue(third.get(2).toString().contains("brief three"));
            assertEquals("You are the planner of a test.", server.received().get(2).body().path("system").asText());
            assertEquals(4, c.messages().size(), "what was last sent plus the reply");
            assertEquals((2_500 * 1 + 9 * 5) / 1e6, ledger.totalUsd(), 1e-12);
        }
    }
}
