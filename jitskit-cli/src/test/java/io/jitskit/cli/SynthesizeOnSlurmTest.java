package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.synth.loop.EvaluationTask;
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
 * {@code jitskit synthesize --executor slurm} on the one-node cluster of {@code bin/slurm-local}: each candidate's
 * gate and benchmark run as an exclusive job, sacct records them, and a job cancelled mid-run is recorded in the
 * attempt and run once more, the loop going on as if nothing happened.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SynthesizeOnSlurmTest {

    private static final String JOB = "jitskit-evaluate";

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

    @Test
    void eachCandidateIsAJobAndOneCancelledMidRunIsRecordedAndRunOnceMore() throws Exception {
        final String start = LocalSlurm.since();
        final int before = LocalSlurm.sacctStates(JOB, start).size();
        final Path spec = CompareCommandTest.tinySpec(dir);
        final Path out = dir.resolve("synth");
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread synth = Thread.ofPlatform().start(() -> exit.set(Jitskit.run("synthesize", "--spec",
            spec.toString(), "--iterations", "2", "--bench-seconds", "0.3", "--no-compare", "--out", out.toString(),
            "--executor", "slurm", "--parallel", "2")));
        // Cancel the first job to run as soon as it runs: the node (exclusive) holds one at a time.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String running = "";
        while (running.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no evaluation job ran in 120 s");
            Thread.sleep(200);
            running = LocalSlurm.running(JOB);
        }
        assertEquals(0, LocalSlurm.client("scancel", running.lines().findFirst().orElseThrow()).start().waitFor());
        synth.join(TimeUnit.MINUTES.toMillis(8));
        assertEquals(0, exit.get(), "the synthesis completes");

        final Trajectory t = TrajectoryIo.read(out.resolve(TrajectoryIo.FILE_NAME));
        assertEquals(2, t.iterations().size());
        final List<String> reasons = t.iterations().stream().map(Attempt::reason).toList();
        for (final String r : reasons) {
            assertTrue(r.contains("measured on ") && r.contains("Mops/s)"), "node and calibration beside each result: "
                + r);
        }
        assertEquals(1, reasons.stream().filter(r -> r.matches("(?s).*ran again after job \\d+ CANCELLED.*"))
            .count(), "the cancelled job is recorded in its attempt: " + reasons);
        for (final String it : List.of("it-001", "it-002")) {
            final JsonNode result = new ObjectMapper().readTree(out.resolve(it).resolve(EvaluationTask.RESULT_FILE)
                .toFile());
            assertTrue(result.path("calibrationMops").asDouble() > 0, it + ": " + result);
        }
        final List<String> states = LocalSlurm.sacctStates(JOB, start);
        assertEquals(List.of("CANCELLED", "COMPLETED", "COMPLETED"),
            states.subList(before, states.size()).stream().sorted().toList(),
            "sacct: one job per candidate and the cancelled one's second attempt: " + states);
    }
}
