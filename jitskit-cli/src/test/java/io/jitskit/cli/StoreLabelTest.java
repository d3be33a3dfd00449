package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store label ({@code chm@none}, {@code rocksdb[bloom_bits=10]}) means the same in bench, check and compare. */
class StoreLabelTest {

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

    /** A card chm cannot serve as written: it asks for checkpoints, which a heap map does not take. */
    private Path checkpointCard() throws Exception {
        final Path f = dir.resolve("checkpoint.yaml");
        Files.writeString(f, """
            name: label-card
            environment: {memory-budget: 256MiB, threads: 2, storage: {dir: %s}}
            workload:
              keys: {count: 2000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: uniform
              run: {operations: 2000}
            requirements: {operations: [read, upsert], durability: checkpoint}
            """.formatted(dir.resolve("data")));
        return f;
    }

    @Test
    void benchRunsChmAtNoneOnACopyOfTheCardWithDurabilityNone() throws Exception {
        final Path run = dir.resolve("run");
        assertEquals(0, Jitskit.run("bench", "--spec", checkpointCard().toString(), "--store", "chm@none",
            "--in-process", "--out", run.toString()), stderr());
        final String result = Files.readString(run.resolve("result.json"));
        assertTrue(result.contains("\"verdict\" : \"ok\"") || result.contains("\"verdict\":\"ok\""), result);
        final Path derived = run.resolve("cards/label-card@none.yaml");
        assertTrue(Files.readString(derived).contains("durability: none"), Files.readString(derived));
        assertTrue(stderr().contains("chm@none runs on " + derived), stderr());
    }

    @Test
    void benchWithoutTheOverrideStillSkipsChmWithItsReason() throws Exception {
        final Path run = dir.resolve("run");
        assertEquals(0, Jitskit.run("bench", "--spec", checkpointCard().toString(), "--store", "chm",
            "--in-process", "--out", run.toString()), stderr());
        assertTrue(Files.readString(run.resolve("result.json")).contains("skipped"));
    }

    @Test
    void anUnknownDurabilityAfterTheAtIsOneUsageLineInBenchAndCheck() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("bench", "--spec", checkpointCard().toString(), "--store",
            "chm@nothing", "--in-process"));
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("check", "--spec", checkpointCard().toString(), "--store",
            "chm@nothing"));
        final String lines = stderr().strip();
        assertEquals(2, lines.lines().count(), lines);
        assertTrue(lines.lines().allMatch(l -> l.contains("'chm@nothing'") && l.contains("e.g. chm@none")), lines);
    }

    @Test
    void knobsThatCouldNotReachTheStoreAreRefusedNotIgnored() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("bench", "--spec", checkpointCard().toString(), "--store",
            "chm@none[bloom_bits=10]", "--in-process"));
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("check", "--spec", checkpointCard().toString(), "--store",
            "chm@none[bloom_bits=10]"));
        final String lines = stderr().strip();
        assertTrue(lines.contains("drop --in-process") && lines.contains("give chm@none"), lines);
    }

    @Test
    void checkGatesChmAtNoneOnTheCopyOfTheCard() throws Exception {
        final Path run = dir.resolve("check");
        final int exit = Jitskit.run("check", "--spec", checkpointCard().toString(), "--store", "chm@none",
            "--only", "read-after-write", "--out", run.toString(), "--seed", "3");
        assertTrue(stderr().contains("chm@none is checked on a copy of the card with durability none"), stderr());
        assertEquals(0, exit, stderr() + Files.readString(run.resolve("gate-report.txt")));
    }

    @Test
    void synthesizeReadsItsPeersAsCompareDoesAndRefusesABadOneBeforeTheLoopStarts() throws Exception {
        final Path out = dir.resolve("synth");
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("synthesize", "--spec", checkpointCard().toString(), "--peers",
            "chm@nothing", "--out", out.toString()));
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("synthesize", "--spec", checkpointCard().toString(), "--peers",
            "chm@none,no-such-store", "--out", out.toString()));
        final List<String> lines = stderr().strip().lines().toList();
        assertEquals(2, lines.size(), stderr());
        assertTrue(lines.get(0).startsWith("jitskit synthesize: --peers 'chm@nothing'"), lines.get(0));
        assertTrue(lines.get(1).contains("unknown store 'no-such-store'"), lines.get(1));
        assertFalse(Files.exists(out), "no iteration ran");
    }
}
