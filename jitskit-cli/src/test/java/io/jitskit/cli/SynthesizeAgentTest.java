package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.agents.testing.ReplayServer;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.SpecParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jitskit synthesize --agent anthropic|openai|cli} end to end against the replay servers and the fake coding
 * agent: one iteration each, the quick gate, a one-second benchmark, no comparison.
 */
class SynthesizeAgentTest {

    @TempDir
    Path dir;

    private int synthesize(final Path out, final String... agentArgs) throws Exception {
        final String[] base = {"synthesize", "--spec", AgentFixtures.tinySpec(dir).toString(), "--iterations", "1",
            "--out", out.toString(), "--bench-seconds", "1", "--audit-every", "1", "--no-compare"};
        final String[] args = new String[base.length + agentArgs.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(agentArgs, 0, args, base.length, agentArgs.length);
        return Jitskit.run(args);
    }

    private static void assertOneAcceptedIterationWithCost(final Path out) throws Exception {
        final Trajectory t = TrajectoryIo.read(out.resolve(TrajectoryIo.FILE_NAME));
        assertEquals(1, t.iterations().size());
        assertEquals(Outcome.ACCEPTED, t.iterations().getFirst().outcome(), t.iterations().toString());
        assertTrue(t.costUsd() > 0, "the cost strip has something to draw");
        assertTrue(Files.readString(out.resolve("report.html")).contains("model cost"));
    }

    @Test
    void anthropicPlaysEveryRole() throws Exception {
        final Path spec = AgentFixtures.tinySpec(dir);
        try (ReplayServer server = ReplayServer.start(ReplayServer.Wire.ANTHROPIC, AgentFixtures.KEY,
            "/recordings/anthropic/loop.json", AgentFixtures.engineFills(SpecParser.parse(spec)))) {
            final Path config = AgentFixtures.config(Files.createDirectories(dir.resolve("home")), "anthropic",
                server.baseUrl(), AgentFixtures.KEY);
            final Path out = dir.resolve("run-anthropic");
            assertEquals(0, synthesize(out, "--agent", "anthropic", "--agent-config", config.toString()));
            assertOneAcceptedIterationWithCost(out);
        }
    }

    @Test
    void openAiPlaysEveryRole() throws Exception {
        final Path spec = AgentFixtures.tinySpec(dir);
        try (ReplayServer server = ReplayServer.start(ReplayServer.Wire.OPENAI, AgentFixtures.KEY,
            "/recordings/openai/loop.json", AgentFixtures.engineFills(SpecParser.parse(spec)))) {
            final Path config = AgentFixtures.config(Files.createDirectories(dir.resolve("home")), "openai",
                server.baseUrl(), AgentFixtures.KEY);
            final Path out = dir.resolve("run-openai");
            assertEquals(0, synthesize(out, "--agent", "openai", "--agent-config", config.toString()));
            assertOneAcceptedIterationWithCost(out);
        }
    }

    @Test
    void aCodingAgentPlaysTheCoder() throws Exception {
        final Path out = dir.resolve("run-cli");
        assertEquals(0, synthesize(out, "--agent", "cli", "--agent-command",
            AgentFixtures.fakeAgentCommand("success", dir), "--agent-config", dir.resolve("none.properties").toString()));
        assertOneAcceptedIterationWithCost(out);
    }

    @Test
    void aRunWithoutAKeyFailsInOneLineNamingWhatToSet() throws Exception {
        assumeTrue(System.getenv("ANTHROPIC_API_KEY") == null, "a key is set in this environment");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream saved = System.err;
        final int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = synthesize(dir.resolve("run-nokey"), "--agent", "anthropic", "--agent-config",
                dir.resolve("none.properties").toString());
        } finally {
            System.setErr(saved);
        }
        final String said = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(Jitskit.EXIT_USAGE, exit, said);
        assertTrue(said.startsWith("jitskit synthesize: ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY="),
            said);
        assertFalse(said.contains("\n"), said);
    }
}
