package io.jitskit.synth.loop;

import io.jitskit.slurm.SlurmJob;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code --executor slurm[:PARTITION]}: each evaluation (gate and benchmark; the loop compiled the store) is an
 * exclusive {@code sbatch} job, one candidate per node, that runs {@link EvaluationTask} in the candidate's directory.
 * The run directory must be on a file system the nodes share with this machine, and this JDK at the same path there.
 * A job the cluster ended (node lost, time limit, cancelled) is recorded and submitted once more.
 */
final class SlurmSlots extends ChildEvaluations {

    /** Every evaluation job's name in squeue and sacct. */
    static final String JOB_NAME = "jitskit-evaluate";

    /** Between looks at a job: sacct is a process and a database query, and an evaluation takes tens of seconds. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final String partition;

    SlurmSlots(final HarnessEvaluator evaluator, final String partition, final int jobs) {
        super(evaluator, jobs, "jitskit-slurm-job");
        this.partition = partition;
    }

    @Override
    Ended runOnce(final Candidate candidate, final int attempt) throws Exception {
        final Path dir = candidate.dir().toAbsolutePath();
        final SlurmJob job = SlurmJob.submit(command(dir), JOB_NAME, partition, true, dir, output(dir, attempt));
        final SlurmJob.Outcome o = job.await(POLL, evaluator.evaluationDeadline(), null);
        return new Ended(o.completed(), o.clusterFault(), o.describe());
    }

    @Override
    Path output(final Path dir, final int attempt) {
        return dir.resolve("slurm-" + attempt + ".out");
    }

    @Override
    public String describe() {
        return partition == null ? "slurm" : "slurm:" + partition;
    }
}
