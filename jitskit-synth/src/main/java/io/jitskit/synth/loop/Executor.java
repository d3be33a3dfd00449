package io.jitskit.synth.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Where candidates are evaluated (gate and benchmark; compiling stays with the loop): in the loop's own JVM one at a
 * time ({@link #local}), in {@code N} child JVMs at once, each pinned to its own cores ({@link LocalSlots}), or as
 * exclusive jobs on a Slurm cluster ({@link SlurmSlots}). The loop proposes up to {@link #slots()} designs per round,
 * submits them all, and folds their results in proposal order, so what it decides depends on the results and never
 * on which finished first.
 */
public interface Executor extends AutoCloseable {

    /** How many evaluations run at once: the most designs the loop proposes per round. */
    int slots();

    /**
     * Starts evaluating a candidate that compiled.
     *
     * @return its evaluation; failing with the reason when it could not be evaluated (after the one retry a runner
     *         allows when a signal or the cluster, not the candidate, ended it)
     */
    Future<Evaluation> submit(Candidate candidate);

    /** One word for notes and reports: {@code local}, {@code local:4}, {@code slurm:batch}. */
    String describe();

    @Override
    default void close() {
    }

    /** Evaluates each candidate in the caller's thread as it is submitted: the loop's behaviour before #23. */
    static Executor local(final Evaluator evaluator) {
        return new Executor() {
            @Override
            public int slots() {
                return 1;
            }

            @Override
            public Future<Evaluation> submit(final Candidate candidate) {
                try {
                    return CompletableFuture.completedFuture(evaluator.evaluate(candidate));
                } catch (final Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public String describe() {
                return "local";
            }
        };
    }

    /**
     * Reads {@code --executor}: {@code local}, {@code local:N} or {@code slurm[:PARTITION]}.
     *
     * @param parallel for slurm, how many jobs at once (local:N runs N)
     * @throws IllegalArgumentException with a line naming the value and the fix
     */
    static Executor of(final String text, final HarnessEvaluator evaluator, final int parallel) {
        if (text.equals("local")) {
            return local(evaluator);
        }
        if (text.startsWith("local:")) {
            final int n;
            try {
                n = Integer.parseInt(text.substring("local:".length()));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("--executor " + text + ": N in local:N is a whole number of "
                    + "evaluations at once, e.g. local:4");
            }
            return LocalSlots.start(evaluator, n, LocalSlots.cpus(), LocalSlots.availableMemory());
        }
        if (text.equals("slurm") || text.startsWith("slurm:")) {
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel " + parallel + ": give at least 1");
            }
            return new SlurmSlots(evaluator, text.equals("slurm") ? null : text.substring("slurm:".length()),
                parallel);
        }
        throw new IllegalArgumentException("--executor '" + text + "': give local, local:N or slurm[:PARTITION]");
    }
}
