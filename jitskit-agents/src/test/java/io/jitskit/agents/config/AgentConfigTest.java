package io.jitskit.agents.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.agents.AgentSetupException;
import io.jitskit.agents.model.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFailsInOneLineNamingWhatToSet() throws Exception {
        final AgentConfig c = AgentConfig.load(Map.of(), dir.resolve("absent.properties"), dir.resolve("run"));
        final AgentSetupException e = assertThrows(AgentSetupException.class, () -> c.anthropic(null));
        assertEquals("ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY=<your key>, or put anthropic.api_key="
            + "<your key> in " + dir.resolve("absent.properties"), e.getMessage());
        assertTrue(assertThrows(AgentSetupException.class, () -> c.openai(null)).getMessage()
            .startsWith("OPENAI_API_KEY is not set"));
    }

    @Test
    void theEnvironmentWinsOverTheFileAndALocalServerNeedsNoKey() throws Exception {
        final Path file = dir.resolve("agents.properties");
        Files.writeString(file, "anthropic.api_key=from-file-key\nanthropic.model=claude-haiku-4-5\n"
            + "price.my-model=1,2\n");
        final AgentConfig c = AgentConfig.load(Map.of("ANTHROPIC_API_KEY", "from-env-key",
            "OPENAI_BASE_URL", "http://localhost:8000/v1"), file, dir.resolve("run"));
        final ProviderSettings a = c.anthropic(null);
        assertEquals("from-env-key", a.apiKey());
        assertEquals("claude-haiku-4-5", a.model());
        assertTrue(!a.toString().contains("from-env-key"), a.toString());
        assertNull(c.openai("qwen").apiKey());
        assertEquals(3.0, c.prices().usd("my-model", new Usage(1_000_000, 1_000_000)), 1e-9);
        assertEquals(18.0, c.prices().usd("claude-sonnet-4-5-20250929", new Usage(1_000_000, 1_000_000)), 1e-9);
        assertTrue(!c.prices().knows("unknown-model"));
    }

    @Test
    void badLinesNameTheFileTheLineAndTheFix() throws Exception {
        final Path file = dir.resolve("agents.properties");
        Files.writeString(file, "# keys\nanthropic.apikey=x\n");
        assertEquals(file + ":2: unknown setting 'anthropic.apikey'; known: anthropic.api_key, anthropic.base_url, "
            + "anthropic.model, openai.api_key, openai.base_url, openai.model, price.<model>",
            assertThrows(AgentSetupException.class, () -> AgentConfig.load(Map.of(), file, null)).getMessage());
        Files.writeString(file, "price.m=3\n");
        assertTrue(assertThrows(AgentSetupException.class, () -> AgentConfig.load(Map.of(), file, null))
            .getMessage().startsWith(file + ":1: price '3'"));
    }

    @Test
    void aConfigFileInsideTheRunDirectoryIsRefused() {
        final Path run = dir.resolve("run");
        assertTrue(assertThrows(AgentSetupException.class, () -> AgentConfig.load(Map.of(),
            run.resolve("agents.properties"), run)).getMessage().contains("must not live in the run directory"));
    }
}
