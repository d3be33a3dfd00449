package io.jitskit.synth.loop;

import io.jitskit.harness.fork.ChildJvm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What {@link LocalSlots} and {@link SlurmSlots} share: each candidate's {@link EvaluationTask} written to its
 * directory, run by a child JVM somewhere, its result read back; an attempt that a signal or the cluster ended (not
 * the candidate) is run once more, and every attempt is recorded in the evaluation's {@link Placement}.
 */
abstract class ChildEvaluations implements Executor {

    /** How an attempt ended. */
    record Ended(boolean completed, boolean fault, String describe) { }

    final HarnessEvaluator evaluator;
    private final int slots;
    private final ExecutorService waiting;

    ChildEvaluations(final HarnessEvaluator evaluator, final int slots, final String threadName) {
        this.evaluator = evaluator;
        this.slots = slots;
        // A thread per evaluation in flight, mostly asleep waiting on a child or a job.
        this.waiting = Executors.newFixedThreadPool(slots, Thread.ofPlatform().name(threadName + "-", 1).daemon(true)
            .factory());
    }

    @Override
    public final int slots() {
        return slots;
    }

    @Override
    public final Future<Evaluation> submit(final Candidate candidate) {
        try {
            evaluator.task(candidate).write(candidate.dir());
        } catch (final IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return waiting.submit(() -> evaluate(candidate));
    }

    private Evaluation evaluate(final Candidate candidate) throws Exception {
        final List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= 2; attempt++) {
            final Ended ended = runOnce(candidate, attempt);
            attempts.add(ended.describe());
            if (ended.completed()) {
                return EvaluationTask.evaluation(candidate, attempts);
            }
            if (!ended.fault()) {
                throw new IOException(ended.describe() + tail(output(candidate.dir(), attempt)));
            }
        }
        throw new IOException(String.join(", then ", attempts) + ": ended twice, by a signal or the cluster rather "
            + "than by the candidate");
    }

    /** Runs the candidate's task once, in a child JVM, and waits for it. */
    abstract Ended runOnce(Candidate candidate, int attempt) throws Exception;

    /** Where attempt {@code attempt}'s standard output and error go. */
    abstract Path output(Path dir, int attempt);

    /**
     * The child's command: this JVM's java, options (less a debugger's) and class path, running the task in
     * {@code dir}.
     */
    static List<String> command(final Path dir) {
        final List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaBinary());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EvaluationTask.class.getName());
        cmd.add(dir.toAbsolutePath().toString());
        return cmd;
    }

    /** The last lines of a child's output, for the reason a failed evaluation gives. */
    static String tail(final Path output) {
        try {
            final List<String> lines = Files.readAllLines(output);
            final List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : ": " + String.join(" | ", last).strip();
        } catch (final IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        waiting.shutdownNow();
    }
}
