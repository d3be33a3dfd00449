package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jitskit bench --store noop} measures the harness itself, as the README says, without {@code --keep-going}:
 * in this JVM and in a child JVM alike.
 */
class BenchNoopTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedOut;

    @BeforeEach
    void captureStdout() {
        savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(savedOut);
    }

    private Path card() throws Exception {
        final Path f = dir.resolve("reads.yaml");
        Files.writeString(f, """
            name: noop-card
            environment: {memory-budget: 256MiB, threads: 2, storage: {dir: %s}}
            workload:
              keys: {count: 5000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
              run: {duration: 1s}
            requirements: {operations: [read, upsert], durability: checkpoint}
            """.formatted(dir.resolve("data")));
        return f;
    }

    @Test
    void noopInProcessMeasuresTheHarnessAndSaysWhatTheNumberIs() throws Exception {
        assertEquals(0, Jitskit.run("bench", "--spec", card().toString(), "--store", "noop", "--in-process",
            "--out", dir.resolve("run").toString()), out.toString(StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[OVERALL], Verdict, ok"), text);
        assertTrue(text.contains("noop keeps nothing by design") && text.contains("harness's own ceiling"), text);
    }

    @Test
    void noopInAChildJvmMeasuresTheHarnessToo() throws Exception {
        assertEquals(0, Jitskit.run("bench", "--spec", card().toString(), "--store", "noop", "--duration", "1",
            "--out", dir.resolve("run").toString()), out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("run/summary.txt")).contains("[OVERALL], Verdict, ok"));
    }
}
