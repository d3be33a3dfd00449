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

/** Bad input gets one line naming the file, the field or the store, and the fix, with exit code 2 or 1. */
class CliErrorsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path card(final String body) throws Exception {
        final Path f = dir.resolve("card.yaml");
        Files.writeString(f, body);
        return f;
    }

    private static final String GOOD = """
        name: cli-card
        environment: {memory-budget: 256MiB, threads: 2}
        workload:
          keys: {count: 1000}
          values: {fixed: 100}
          mix: {read: 100}
          distribution: uniform
          run: {operations: 1000}
        requirements: {operations: [read, upsert], durability: none}
        """;

    @Test
    void aValidCardValidates() throws Exception {
        assertEquals(0, Jitskit.run("spec", "validate", card(GOOD).toString()));
    }

    @Test
    void anUnknownFieldFailsValidationWithOneLineNamingFileLineAndField() throws Exception {
        final Path f = card(GOOD.replace("threads: 2", "threads: 2, thread: 3"));
        assertEquals(Jitskit.EXIT_FAILED, Jitskit.run("spec", "validate", f.toString()));
        final String line = stderr().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains(f.toString() + ":2") && line.contains("thread"), line);
    }

    @Test
    void aMissingCardSaysToCheckThePath() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("spec", "validate", dir.resolve("none.yaml").toString()));
        assertEquals("jitskit spec validate: " + dir.resolve("none.yaml") + ": no such file; check the path",
            stderr().strip());
    }

    @Test
    void reportOnADirectoryThatIsNoRunNamesTheCommandsThatWriteOne() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("report", dir.toString()));
        assertTrue(stderr().strip().endsWith("give the directory jitskit compare or jitskit synthesize wrote"),
            stderr());
    }

    @Test
    void benchWithAnUnknownStoreNamesTheKnownOnes() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("bench", "--spec", card(GOOD).toString(), "--store",
            "no-such-store", "--in-process"));
        assertTrue(stderr().contains("unknown store 'no-such-store'") && stderr().contains("reference"), stderr());
    }

    @Test
    void benchWithAJarThatIsNotAJarSaysSo() throws Exception {
        final Path bogus = dir.resolve("store.jar");
        Files.writeString(bogus, "not a jar");
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("bench", "--spec", card(GOOD).toString(), "--store",
            bogus.toString(), "--in-process"));
        assertTrue(stderr().contains("not a readable jar"), stderr());
    }

    @Test
    void benchWithAMalformedCardNamesTheField() throws Exception {
        final Path f = card(GOOD.replace("{fixed: 100}", "{fixed: -5}"));
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("bench", "--spec", f.toString(), "--store", "reference"));
        assertTrue(stderr().contains("workload.values"), stderr());
    }

    @Test
    void benchRunsTheReferenceStoreInProcess() throws Exception {
        assertEquals(0, Jitskit.run("bench", "--spec", card(GOOD).toString(), "--store", "reference",
            "--in-process", "--out", dir.resolve("run").toString()));
        assertTrue(Files.exists(dir.resolve("run/result.json")));
        assertTrue(Files.exists(dir.resolve("run/per-second.csv")));
        assertTrue(Files.readString(dir.resolve("run/summary.txt")).contains("[RUN], Throughput(Mops/sec)"));
    }

    @Test
    void theTwoSoaksTakeTheirOwnLengthsAndSaySoInOneLine() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("soak", "--reclaim", "--times", "3", "--spec",
            card(GOOD).toString(), "--store", "reference"));
        assertEquals("jitskit soak: --times is the timed soak's; give the reclamation soak's volume as --budgets B",
            stderr().strip());
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("soak", "--budgets", "3", "--spec", card(GOOD).toString(),
            "--store", "reference"));
        assertTrue(stderr().strip().endsWith("jitskit soak: --budgets is the reclamation soak's; add --reclaim, or "
            + "give --times N"), stderr());
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("soak", "--reclaim", "--budgets", "0", "--spec",
            card(GOOD).toString(), "--store", "reference"));
        assertTrue(stderr().strip().endsWith("jitskit soak: --budgets 0.0: give a positive number of memory budgets"),
            stderr());
    }

    @Test
    void synthesizeOnACardNoEngineCanServeFailsInOneLine() throws Exception {
        final Path f = card(GOOD.replace("{count: 1000}", "{count: 900M}").replace("256MiB", "1GiB")
            .replace("{fixed: 100}", "{fixed: 1000}"));
        final int exit = Jitskit.run("synthesize", "--spec", f.toString(), "--out", dir.resolve("s").toString());
        assertTrue(exit == Jitskit.EXIT_FAILED || exit == Jitskit.EXIT_USAGE, "exit " + exit + ": " + stderr());
        assertEquals(1, stderr().strip().lines().count(), stderr());
    }

    @Test
    void synthesizeWithAnExecutorItCannotReadNamesTheForms() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("synthesize", "--spec", card(GOOD).toString(), "--out",
            dir.resolve("e").toString(), "--executor", "cluster"));
        assertEquals("jitskit synthesize: --executor 'cluster': give local, local:N or slurm[:PARTITION]",
            stderr().strip());
    }
}
