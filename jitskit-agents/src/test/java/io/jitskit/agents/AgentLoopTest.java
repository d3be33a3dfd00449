package io.jitskit.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.agents.model.RetryPolicy;
import io.jitskit.agents.testing.AgentFixtures;
import io.jitskit.agents.testing.ReplayServer;
import io.jitskit.gate.GateLevel;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import io.jitskit.synth.loop.AgentBlueprint;
import io.jitskit.synth.loop.Engines;
import io.jitskit.synth.loop.HarnessEvaluator;
import io.jitskit.synth.loop.LoopListener;
import io.jitskit.synth.loop.OfflineAuditor;
import io.jitskit.synth.loop.OfflineCoder;
import io.jitskit.synth.loop.OfflineCritic;
import io.jitskit.synth.loop.OfflinePlanner;
import io.jitskit.synth.loop.SynthesisLoop;
import io.jitskit.synth.loop.SynthesisOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop with model-backed roles against the replay servers and the fake agent: real compiles, a real (small) gate
 * and benchmark, recorded model replies.
 */
class AgentLoopTest {

    /** A gate small enough for a unit test: every check, a few seconds. */
    static final GateLevel TINY = new GateLevel("tiny", 2_000, Duration.ofMillis(500), Duration.ofSeconds(1), 8, 0,
        200, 700, 2_000, Duration.ofSeconds(1), 1 << 20, 0, Duration.ofMillis(500));

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(50));

    @TempDir
    Path dir;

    private record Run(Spec spec, SynthesisOptions options, HarnessEvaluator evaluator) { }

    private Run run(final int iterations, final int auditEvery) throws Exception {
        final Path specFile = AgentFixtures.tinySpec(dir);
        final Spec spec = SpecParser.parse(specFile);
        final SynthesisOptions options = new SynthesisOptions(specFile, dir.resolve("run"), iterations,
            Duration.ofMinutes(10), Duration.ofSeconds(1), auditEvery, List.of(), 1);
        return new Run(spec, options, new HarnessEvaluator(spec, specFile, Duration.ofSeconds(1), TINY,
            ProgressListener.NONE));
    }

    private AgentOptions options(final AgentOptions.Backend backend, final Path config, final double budget,
                                 final String command) {
        return new AgentOptions(backend, null, command, null, budget, config, 10, 200_000, true, TINY,
            Duration.ofSeconds(1), FAST, Duration.ofMinutes(2));
    }

    @Test
    void anthropicRolesCompleteAnIterationAndA401LaterLosesNothing() throws Exception {
        final Run r = run(2, 1);
        try (ReplayServer server = ReplayServer.start(ReplayServer.Wire.ANTHROPIC, AgentFixtures.KEY,
            "/recordings/anthropic/loop.json", AgentFixtures.engineFills(r.spec()))) {
            final Path config = AgentFixtures.config(Files.createDirectories(dir.resolve("home")), "anthropic",
                server.baseUrl(), AgentFixtures.KEY);
            final Agents.Roles roles = Agents.build(options(AgentOptions.Backend.ANTHROPIC, config, 0, null),
                Map.of(), r.spec(), r.options(), r.evaluator());
            final List<String> notes = new ArrayList<>();
            final SynthesisLoop loop = roles.loop(r.spec(), r.options(), r.evaluator(), new LoopListener() {
                @Override
                public void note(final String message) {
                    notes.add(message);
                }
            });
            final AgentFailure failure = assertThrows(AgentFailure.class, loop::run);
            assertTrue(failure.getMessage().startsWith("planner: ANTHROPIC_API_KEY is not valid (anthropic answered "
                + "401"), failure.getMessage());

            final Path out = r.options().outDir();
            final Trajectory t = TrajectoryIo.read(out.resolve(TrajectoryIo.FILE_NAME));
            assertEquals(1, t.iterations().size(), "iteration 1 is recorded");
            assertEquals(Outcome.ACCEPTED, t.iterations().getFirst().outcome(), t.iterations().toString());
            assertTrue(t.iterations().getFirst().design().startsWith("Seqlocked open-addressing table"));
            final double expected = ((2400 + 5000 + 5200 + 14500 + 14600 + 3000) * 3.0
                + (180 + 60 + 9000 + 40 + 50 + 90) * 15.0) / 1e6;
            assertEquals(expected, t.iterations().getFirst().costUsd(), 1e-9, "planner, coder and critic of it 1");
            assertTrue(Files.exists(out.resolve("state.json")) && Files.exists(out.resolve("best/store.jar")));
            assertFalse(Files.exists(out.resolve("escaped.txt")), "the escaping write was refused");
            final String coder = Files.readString(out.resolve("agents/coder.jsonl"));
            assertTrue(coder.contains("is outside the workspace (it climbs out with ..)"), coder);
            assertTrue(Files.readString(out.resolve("agents/critic.jsonl")).contains("ignored unknown directive"));

            assertEquals(List.of("probe-delete-then-offsize"), r.evaluator().addedProbeNames(),
                "the sound probe is kept, the one the reference fails is dropped");
            assertTrue(notes.stream().anyMatch(n -> n.contains("probe probe-misread-upsert dropped: the reference "
                + "store fails it")), notes.toString());
            assertEquals(Map.of(), server.remaining(), "every recorded step was replayed");
            final JsonNode ledger = new ObjectMapper().readTree(out.resolve("agents/cost.json").toFile());
            assertTrue(ledger.path("usdByRole").path("auditor").asDouble() > 0, ledger.toString());
            assertNoKeyIn(out);

            // The model's design resumes from state.json: a run that asks for no more iterations rebuilds it as its
            // best without a model, an engine replay or a new attempt.
            final SynthesisOptions one = new SynthesisOptions(r.options().specFile(), out, 1, Duration.ofMinutes(1),
                Duration.ofSeconds(1), 1, List.of(), 1);
            final SynthesisLoop resumed = new SynthesisLoop(r.spec(), one, new OfflinePlanner(Engines::initial),
                new OfflineCoder(r.spec()), r.evaluator(), new OfflineCritic(), new OfflineAuditor(r.evaluator()),
                LoopListener.NONE);
            assertEquals(1, resumed.run().iterations().size());
            final AgentBlueprint best = assertInstanceOf(AgentBlueprint.class, resumed.state().best());
            assertEquals(t.iterations().getFirst().design(), best.describe());
            assertTrue(best.text().length() > best.describe().length(), "the whole text is kept: " + best.text());
        }
    }

    @Test
    void openAiRolesStartFromTheEngineAndTheBudgetStopsTheRunCleanly() throws Exception {
        final Run r = run(3, 3);
        try (ReplayServer server = ReplayServer.start(ReplayServer.Wire.OPENAI, AgentFixtures.KEY,
            "/recordings/openai/loop.json", AgentFixtures.engineFills(r.spec()))) {
            final Path config = AgentFixtures.config(Files.createDirectories(dir.resolve("home")), "openai",
                server.baseUrl(), AgentFixtures.KEY);
            final Agents.Roles roles = Agents.build(options(AgentOptions.Backend.OPENAI, config, 0.05, null),
                Map.of(), r.spec(), r.options(), r.evaluator());
            final List<String> notes = new ArrayList<>();
            final Trajectory t = roles.loop(r.spec(), r.options(), r.evaluator(), new LoopListener() {
                @Override
                public void note(final String message) {
                    notes.add(message);
                }
            }).run();
            assertEquals(1, t.iterations().size(), "the budget ends the run after the first iteration");
            assertEquals(Outcome.ACCEPTED, t.iterations().getFirst().outcome(), t.iterations().toString());
            assertTrue(t.costUsd() >= 0.05, "cost " + t.costUsd());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("model budget of $0.05 spent")), notes.toString());
            assertTrue(Files.exists(r.options().outDir().resolve("best/store.jar")), "best-so-far is kept");
            assertTrue(Files.readString(r.options().outDir().resolve("agents/coder.jsonl"))
                .contains("arguments are not a valid JSON object"), "a malformed call went back to the model");
            assertEquals(Map.of(), server.remaining());
            assertNoKeyIn(r.options().outDir());
        }
    }

    @Test
    void aCodingAgentCodesWhileTheOfflineRolesPlanCriticizeAndAudit() throws Exception {
        final Run r = run(1, 1);
        final Agents.Roles roles = Agents.build(options(AgentOptions.Backend.CLI, dir.resolve("none.properties"), 0,
            AgentFixtures.fakeAgentCommand("success", dir)), Map.of(), r.spec(), r.options(), r.evaluator());
        assertTrue(roles.describe().startsWith("coder: sh (coding agent)"), roles.describe());
        final Trajectory t = roles.loop(r.spec(), r.options(), r.evaluator(), LoopListener.NONE).run();
        assertEquals(Outcome.ACCEPTED, t.iterations().getFirst().outcome(), t.iterations().toString());
        assertEquals(0.0734, t.costUsd(), 1e-9, "the cost the agent reported");
    }

    @Test
    void withoutAKeyTheSetupFailsInOneLineNamingTheVariable() throws Exception {
        final Run r = run(1, 1);
        final AgentSetupException e = assertThrows(AgentSetupException.class, () -> Agents.build(
            options(AgentOptions.Backend.ANTHROPIC, dir.resolve("none.properties"), 0, null), Map.of(), r.spec(),
            r.options(), r.evaluator()));
        assertTrue(e.getMessage().startsWith("ANTHROPIC_API_KEY is not set: export ANTHROPIC_API_KEY="),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static void assertNoKeyIn(final Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            for (final Path f : files.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".json")
                || p.toString().endsWith(".jsonl") || p.toString().endsWith(".md"))).toList()) {
                assertFalse(Files.readString(f).contains(AgentFixtures.KEY), "the key leaked into " + f);
            }
        }
    }
}
