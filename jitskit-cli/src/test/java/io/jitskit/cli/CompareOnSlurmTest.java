package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jitskit compare --executor slurm} on a real scheduler: the one-node cluster {@code bin/slurm-local} starts on
 * this machine (installing Debian's slurm-wlm, slurmdbd, munge and MariaDB when run as root). The comparison runs as
 * one exclusive job, its results land in {@code --out}, sacct records the job; a job cancelled mid-run is run once
 * more and the comparison still completes.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CompareOnSlurmTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void cluster() throws Exception {
        LocalSlurm.start();
    }

    @AfterAll
    static void forget() {
        LocalSlurm.forget();
    }

    private Path spec() throws IOException {
        return CompareCommandTest.tinySpec(dir);
    }

    private static String since() {
        return LocalSlurm.since();
    }

    private static ProcessBuilder client(final String... command) {
        return LocalSlurm.client(command);
    }

    /** The states sacct holds for jobs named jitskit-compare since {@code start}, in submission order. */
    private static List<String> sacctStates(final String start) throws Exception {
        return LocalSlurm.sacctStates("jitskit-compare", start);
    }

    @Test
    void aComparisonRunsAsOneExclusiveJobAndItsResultsLandInOut() throws Exception {
        final String start = since();
        final int before = sacctStates(start).size();
        final Path out = dir.resolve("cmp");
        final int exit = Jitskit.run("compare", "--spec", spec().toString(), "--stores", "reference,chm", "--runs",
            "1", "--duration", "1", "--out", out.toString(), "--executor", "slurm");
        assertEquals(0, exit, Files.readString(out.resolve("slurm-jitskit-compare-1.out")));
        assertTrue(Files.isRegularFile(out.resolve("compare.json")), "the job wrote the comparison into --out");
        assertTrue(Files.readString(out.resolve("slurm-jitskit-compare-1.out")).contains("reference"));
        final List<String> states = sacctStates(start);
        assertEquals(before + 1, states.size(), "one job: " + states);
        assertEquals("COMPLETED", states.getLast());
    }

    @Test
    void aJobCancelledMidRunRunsOnceMoreAndTheComparisonCompletes() throws Exception {
        final String start = since();
        final int before = sacctStates(start).size();
        final Path out = dir.resolve("cancelled");
        final AtomicInteger exit = new AtomicInteger(-1);
        final Path specFile = spec();
        final Thread compare = Thread.ofPlatform().start(() -> exit.set(Jitskit.run("compare", "--spec",
            specFile.toString(), "--stores", "reference,chm", "--runs", "1", "--duration", "1", "--out",
            out.toString(), "--executor", "slurm")));
        // Cancel the first attempt once it is running and has started writing its output.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String running = "";
        while (running.isEmpty() || !Files.exists(out.resolve("slurm-jitskit-compare-1.out"))) {
            assertTrue(System.nanoTime() < deadline, "the job did not start in 120 s");
            Thread.sleep(200);
            final Process q = client("squeue", "-h", "-n", "jitskit-compare", "-t", "RUNNING", "-o", "%i").start();
            running = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            q.waitFor();
        }
        Thread.sleep(1_500);
        assertEquals(0, client("scancel", running).start().waitFor());
        compare.join(TimeUnit.MINUTES.toMillis(8));
        assertEquals(0, exit.get(), "the second attempt completes the comparison");
        assertTrue(Files.isRegularFile(out.resolve("slurm-jitskit-compare-2.out")), "a second attempt ran");
        assertTrue(Files.isRegularFile(out.resolve("compare.json")));
        final List<String> states = sacctStates(start).subList(before, sacctStates(start).size());
        assertEquals(List.of("CANCELLED", "COMPLETED"), states, "sacct records both attempts");
    }
}
