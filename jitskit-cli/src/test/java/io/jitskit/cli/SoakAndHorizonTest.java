package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jitskit.gate.check.HorizonCheck;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakAndHorizonTest {

    @TempDir
    Path dir;

    @Test
    void aSoakOfARunsBestStoreIsWrittenIntoThatRun() throws Exception {
        final Path run = dir.resolve("synth");
        Files.createDirectories(run.resolve("best"));
        final String jar = run.resolve("best").resolve("store.jar").toString();
        assertNull(SoakCommand.synthesisRunOf(jar), "no trajectory: not a synthesis run");
        Files.writeString(run.resolve("trajectory.json"), "{}");
        assertEquals(run.toAbsolutePath().normalize(), SoakCommand.synthesisRunOf(jar));
        assertNull(SoakCommand.synthesisRunOf("rocksdb"), "a store name is no run");
    }

    @Test
    void theGatesHorizonIsABenchmarksLifetimeOfTheCardAndAQuarterMore() throws Exception {
        final Spec timed = card("{duration: 30s}");
        // A 30-s run after a warm-up of up to 10 s: 40 s, and a quarter more plus 2 s.
        assertEquals(Duration.ofSeconds(52), CheckCommand.horizon(timed, null).lived());
        assertEquals(Duration.ofMillis(7_500), CheckCommand.horizon(timed, 7.5).lived(), "--horizon S as given");
        assertNull(CheckCommand.horizon(timed, 0.0), "--horizon 0 skips it");
        final HorizonCheck.Horizon counted = CheckCommand.horizon(card("{operations: 1000000}"), null);
        assertEquals(1_250_000, counted.operations(), "an op-count run: its operations and a quarter more");
    }

    private Spec card(final String run) throws Exception {
        final Path file = dir.resolve("card.yaml");
        Files.writeString(file, """
            name: horizon
            environment: {memory-budget: 256MiB, threads: 2}
            workload:
              keys: {count: 1000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: uniform
              run: %s
            requirements: {operations: [read, upsert], durability: none}
            """.formatted(run));
        return SpecParser.parse(file);
    }
}
