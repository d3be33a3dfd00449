package io.jitskit.synth.loop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.gate.GateLevel;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.ResultWriter;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * One candidate's evaluation as a unit of work another JVM runs, on this machine or a cluster node: the input
 * ({@value #TASK_FILE}) and the output ({@value #RESULT_FILE}) are files in the candidate's directory, so all a
 * runner needs is that directory on a file system both sides see, and this class's {@link #main} there.
 *
 * <p>The child measures the node first ({@link Calibration}), then runs the gate and, for a store that passed, the
 * benchmark, exactly as {@link HarnessEvaluator#evaluate} does in the loop's JVM; the gate's and the benchmark's
 * reports land in {@code gate/} and {@code bench/} as they would there.
 *
 * @param specFile  the card, absolute
 * @param store     the store's jar, absolute
 * @param benchMillis run-phase length of the benchmark, 0 for the card's
 * @param level     the gate's level ({@link GateLevel#encode()})
 * @param probes    the probes the auditor added to the gate so far, by name ({@code audit-CHECK})
 */
public record EvaluationTask(String specFile, String store, long benchMillis, String level, List<String> probes) {

    public static final String TASK_FILE = "evaluation-task.json";

    public static final String RESULT_FILE = "evaluation.json";

    static final String SCHEMA = "jitskit.evaluation/1";

    /** The exit code of a child whose task file is missing or unreadable. */
    static final int EXIT_BAD_TASK = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public EvaluationTask {
        probes = List.copyOf(probes);
    }

    /**
     * What the child wrote.
     *
     * @param benchFile the benchmark's result beside it, relative to the candidate's directory, or null when the store
     *                  did not pass the gate
     * @param seconds   the child's wall time: calibration, gate, benchmark
     */
    record Result(String schema, String node, double calibrationMops, boolean gatePassed, List<String> failedChecks,
                  String gateSummary, String gateReport, String benchFile, double seconds) { }

    void write(final Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(RESULT_FILE));
        writeAtomically(this, dir.resolve(TASK_FILE));
    }

    static EvaluationTask read(final Path dir) throws IOException {
        return JSON.readValue(dir.resolve(TASK_FILE).toFile(), EvaluationTask.class);
    }

    /** Runs the task in {@code dir}: {@code java ... io.jitskit.synth.loop.EvaluationTask DIR}. */
    public static void main(final String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EvaluationTask DIR (a candidate's directory holding " + TASK_FILE + ")");
            System.exit(EXIT_BAD_TASK);
        }
        System.exit(run(Path.of(args[0])));
    }

    /** Runs the task in {@code dir}, writing {@value #RESULT_FILE}; returns the process's exit code. */
    public static int run(final Path dir) throws Exception {
        final long t0 = System.nanoTime();
        final EvaluationTask task;
        try {
            task = read(dir);
        } catch (final IOException e) {
            System.err.println(dir.resolve(TASK_FILE) + ": " + e.getMessage() + "; the loop writes this file before it"
                + " starts the evaluation");
            return EXIT_BAD_TASK;
        }
        final Path specFile = Path.of(task.specFile());
        final Spec spec = SpecParser.parse(specFile);
        final String node = node();
        final double calibration = Calibration.measure(dir.resolve("calibration"));
        final HarnessEvaluator evaluator = new HarnessEvaluator(spec, specFile,
            task.benchMillis() == 0 ? null : Duration.ofMillis(task.benchMillis()), GateLevel.decode(task.level()),
            ProgressListener.NONE);
        for (final String probe : task.probes()) {
            evaluator.addProbe(new OfflineAuditor.IntensifiedProbe(probe.substring("audit-".length())));
        }
        final HarnessEvaluator.Measured m = evaluator.measure(task.store(), dir);
        String benchFile = null;
        if (m.bench() != null) {
            benchFile = "bench-result.json";
            ResultWriter.writeJson(m.bench(), dir.resolve(benchFile));
        }
        final Result r = new Result(SCHEMA, node, calibration, m.gate().passed(), m.gate().failedChecks(),
            m.gate().summary(), dir.relativize(m.gate().report()).toString(), benchFile,
            (System.nanoTime() - t0) / 1e9);
        writeAtomically(r, dir.resolve(RESULT_FILE));
        return 0;
    }

    /**
     * The evaluation a child wrote for {@code candidate}.
     *
     * @param attempts each attempt the runner made, the last one the one that completed
     * @throws IOException when the file is missing or of another schema, naming it
     */
    static Evaluation evaluation(final Candidate candidate, final List<String> attempts) throws IOException {
        final Path dir = candidate.dir();
        final Path file = dir.resolve(RESULT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: the evaluation ended without writing its result");
        }
        final Result r = JSON.readValue(file.toFile(), Result.class);
        if (!SCHEMA.equals(r.schema())) {
            throw new IOException(file + ": schema " + r.schema() + " is not " + SCHEMA + "; the node runs another "
                + "jitskit than the loop");
        }
        final GateOutcome gate = new GateOutcome(r.gatePassed(), r.failedChecks(), r.gateSummary(),
            dir.resolve(r.gateReport()));
        final BenchResult bench = r.benchFile() == null ? null : ResultWriter.readJson(dir.resolve(r.benchFile()));
        return new Evaluation(candidate, gate, bench, new Placement(r.node(), r.calibrationMops(), attempts));
    }

    /** The node's name: Slurm's for a job, else the host's. */
    static String node() {
        final String slurm = System.getenv("SLURMD_NODENAME");
        if (slurm != null && !slurm.isBlank()) {
            return slurm;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final IOException e) {
            return "localhost";
        }
    }

    private static void writeAtomically(final Object value, final Path file) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), value);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
