package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreFactory;
import io.jitskit.gate.GateLevel;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop end to end with every real component (engine, javac, gate at quick, forked benchmark), on a small card:
 * two iterations, then a resume that adds a third from the files alone.
 */
class SynthesisLoopTest {

    @TempDir
    Path dir;

    @Test
    void runsIterationsKeepsTheBestAndResumesFromItsFiles() throws Exception {
        final Path specFile = dir.resolve("loop-card.yaml");
        Files.writeString(specFile, """
            name: loop-card
            environment: {memory-budget: 512MiB, threads: 2, storage: {dir: %s}}
            workload:
              keys: {count: 20K}
              values: {fixed: 64}
              mix: {read: 80, upsert: 20}
              distribution: {zipfian: 0.99}
              run: {duration: 1s}
            requirements: {operations: [read, upsert, rmw, delete], durability: none}
            """.formatted(dir.resolve("data")));
        final Spec spec = SpecParser.parse(specFile);
        final Path out = dir.resolve("run");

        Trajectory t = loop(spec, specFile, out, 2).run();
        assertEquals(2, t.iterations().size());
        assertEquals(Outcome.ACCEPTED, t.iterations().get(0).outcome(), t.iterations().get(0).reason());
        assertNotNull(t.best());
        assertTrue(Files.exists(out.resolve("best/store.jar")));
        assertTrue(Files.readString(out.resolve("design-brief.md")).contains("## Current design"));
        assertTrue(Files.exists(out.resolve("whiteboard.md")));
        assertEquals(t.best().design(), StoreFactory.fromJar(out.resolve("best/store.jar")) != null
            ? t.best().design() : "", "the best store's jar loads as a store");

        final SynthesisLoop resumed = loop(spec, specFile, out, 3);
        t = resumed.run();
        assertEquals(3, t.iterations().size(), "the resumed run adds exactly one iteration");
        final List<String> designs = t.iterations().stream().map(a -> a.design()).toList();
        assertEquals(designs.size(), designs.stream().distinct().count(), "no design is built twice: " + designs);
    }

    private static SynthesisLoop loop(final Spec spec, final Path specFile, final Path out, final int iterations) {
        final SynthesisOptions options = new SynthesisOptions(specFile, out, iterations, Duration.ofMinutes(10),
            Duration.ofSeconds(1), 100, List.of(), 1);
        final HarnessEvaluator evaluator = new HarnessEvaluator(spec, specFile, options.iterationBench(),
            GateLevel.QUICK, ProgressListener.NONE);
        return new SynthesisLoop(spec, options, new OfflinePlanner(Engines::initial), new OfflineCoder(spec),
            evaluator, new OfflineCritic(), new OfflineAuditor(evaluator), LoopListener.NONE);
    }
}
