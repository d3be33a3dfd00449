package io.jitskit.agents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.agents.AgentRole;
import io.jitskit.agents.CostLedger;
import io.jitskit.agents.config.PriceTable;
import io.jitskit.agents.conversation.Transcript;
import io.jitskit.agents.model.Redactor;
import io.jitskit.agents.model.Usage;
import io.jitskit.agents.roles.Prompts;
import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import io.jitskit.synth.loop.Candidate;
import io.jitskit.synth.loop.Engines;
import io.jitskit.synth.loop.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliAgentTest {

    @TempDir
    Path dir;

    private CliAgent agent(final String mode) throws IOException {
        return new CliAgent(AgentFixtures.fakeAgentCommand(mode, dir), Duration.ofSeconds(30), Redactor.none());
    }

    @Test
    void templatesSplitLikeAShellWithoutOne() {
        assertEquals(List.of("claude", "-p", "--output-format", "json", "{prompt}"),
            CliAgent.split("claude -p  --output-format json {prompt}"));
        assertEquals(List.of("sh", "/a b/c.sh", "", "{prompt}"), CliAgent.split("sh '/a b/c.sh' \"\" {prompt}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CliAgent("claude -p", Duration.ofSeconds(1),
            Redactor.none())).getMessage().contains("has no {prompt}"));
    }

    @Test
    void theCoderRunsTheAgentInTheWorkspaceBooksItsCostAndCompilesWhatItLeft() throws Exception {
        final Spec spec = SpecParser.parse(AgentFixtures.tinySpec(dir));
        final CostLedger ledger = new CostLedger(new PriceTable(Map.of()), 0, null);
        final CliCoder coder = new CliCoder(agent("success"), ledger, spec, Prompts.SPI,
            new Transcript(dir.resolve("run/agents/coder.jsonl"), Redactor.none()));
        final Path it = Files.createDirectories(dir.resolve("run/it-001"));
        final Candidate c = coder.code(1, new Plan(Engines.initial(spec), "first", "initial", null), it);
        assertTrue(c.compiled().success(), String.valueOf(c.compiled().diagnostics()));
        assertTrue(Files.readString(it.resolve(c.compiled().storeName()).resolve("src").resolve(
            AgentFixtures.engineFills(spec).get("path:JitStore.java").substring(4))).contains("Reviewed by the fake "
            + "agent"), "the agent worked in the workspace and the compile took its change");
        assertEquals(0.0734, ledger.byRole().get(AgentRole.CODER), 1e-9);
        assertTrue(Files.readString(dir.resolve("run/agents/coder.jsonl")).contains("agent finished in 7 turns"));
    }

    @Test
    void resultsParseTheClaudeCodeJsonShape() throws Exception {
        final CliAgent.Result r = agent("success").parse(Files.readString(Path.of(getClass().getResource(
            "/recordings/cli/claude-result.json").toURI())).strip(), "claude");
        assertEquals(7, r.turns());
        assertEquals(new Usage(412 + 10231 + 40210, 1834), r.usage());
        assertEquals("plain words", agent("success").parse("plain words", "x").text(), "plain text agents work too");
    }

    @Test
    void eachFailureIsOneClearLine() throws Exception {
        final Path ws = Files.createDirectories(dir.resolve("ws"));
        final IOException error = assertThrows(IOException.class, () -> agent("error").run("p", ws));
        assertTrue(error.getMessage().contains("reported an error (error_max_turns): Reached the maximum number of "
            + "turns"), error.getMessage());
        final IOException malformed = assertThrows(IOException.class, () -> agent("malformed").run("p", ws));
        assertTrue(malformed.getMessage().contains("printed malformed JSON"), malformed.getMessage());
        final IOException failed = assertThrows(IOException.class, () -> agent("fail").run("p", ws));
        assertTrue(failed.getMessage().contains("exited with 3: fake agent: API Error: 429"), failed.getMessage());
        final IOException missing = assertThrows(IOException.class, () -> new CliAgent("no-such-agent-xyz {prompt}",
            Duration.ofSeconds(5), Redactor.none()).run("p", ws));
        assertTrue(missing.getMessage().startsWith("cannot run agent 'no-such-agent-xyz'"), missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"));
    }
}
