package io.jitskit.slurm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One batch job on a Slurm cluster: a command submitted with {@code sbatch}, followed with {@code sacct} (and
 * {@code squeue} until accounting has heard of it) until it ends.
 *
 * <p>Every path the command names must be on a file system the nodes share with this machine, and the command's
 * program (a JDK, say) must be at the same path on the nodes: a job is the command line, run there.
 *
 * @param id the job id {@code sbatch --parsable} printed
 */
public record SlurmJob(long id) {

    /** States after which a job never runs again by itself (sacct's long names, suffixes such as "+" dropped). */
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
        "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REVOKED");

    /**
     * States in which the cluster, not the command, ended the job: worth one more attempt. A command that failed
     * on its own ({@code FAILED}, {@code OUT_OF_MEMORY}) would fail again.
     */
    static final Set<String> CLUSTER_FAULTS = Set.of("CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL",
        "DEADLINE", "REVOKED");

    /**
     * How a job ended.
     *
     * @param job      the job
     * @param state    sacct's state, e.g. {@code COMPLETED}, {@code CANCELLED}, {@code NODE_FAIL}
     * @param exitCode the command's exit code ({@code 0:15} in sacct reads as 0; the signal is in the state)
     */
    public record Outcome(SlurmJob job, String state, int exitCode) {

        public boolean completed() {
            return state.equals("COMPLETED") && exitCode == 0;
        }

        /** Whether the cluster ended it (cancelled, node lost, time limit) rather than the command failing. */
        public boolean clusterFault() {
            return CLUSTER_FAULTS.contains(state);
        }

        public String describe() {
            return "job " + job.id() + " " + state + (exitCode != 0 ? " (exit " + exitCode + ")" : "");
        }
    }

    /**
     * Submits {@code command} as a batch job.
     *
     * @param name      the job's name in squeue and sacct
     * @param partition the partition, or null for the cluster's default
     * @param exclusive whether the job takes its node alone ({@code --exclusive}): a benchmark must
     * @param workDir   where the command starts (on the shared file system)
     * @param output    where its standard output and error go (on the shared file system)
     * @throws IOException when sbatch refuses, with its message
     */
    public static SlurmJob submit(final List<String> command, final String name, final String partition,
                                  final boolean exclusive, final Path workDir, final Path output) throws IOException {
        final List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=" + name,
            "--output=" + output.toAbsolutePath(), "--chdir=" + workDir.toAbsolutePath()));
        if (exclusive) {
            sbatch.add("--exclusive");
        }
        if (partition != null && !partition.isBlank()) {
            sbatch.add("--partition=" + partition);
        }
        sbatch.add("--wrap=exec " + shellQuote(command));
        final String out = run(sbatch).strip();
        // --parsable prints "id" or "id;cluster".
        final String id = out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
        try {
            return new SlurmJob(Long.parseLong(id));
        } catch (final NumberFormatException e) {
            throw new IOException("sbatch printed '" + out + "' where a job id was expected", e);
        }
    }

    /** How long between looks at a running job: sacct is cheap, but it is a process and a database query. */
    static final Duration POLL = Duration.ofSeconds(2);

    /**
     * Runs {@code command} as an exclusive job and waits for it; when the cluster ended it (cancelled, node lost, time
     * limit: {@link Outcome#clusterFault()}) it runs once more. Each attempt's output goes to
     * {@code outputDir/slurm-NAME-ATTEMPT.out} and, line by line as it arrives, to {@code follow}.
     *
     * @param onSubmit told each attempt's job as it is submitted (to print its id, or to cancel it), may be null
     * @return the last attempt's outcome
     */
    public static Outcome runRetryingOnce(final List<String> command, final String name, final String partition,
                                          final Path workDir, final Path outputDir, final Duration timeout,
                                          final Consumer<SlurmJob> onSubmit, final Consumer<String> follow)
        throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        Outcome last = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            final Path output = outputDir.resolve("slurm-" + name + "-" + attempt + ".out");
            final SlurmJob job = submit(command, name, partition, true, workDir, output);
            if (onSubmit != null) {
                onSubmit.accept(job);
            }
            final long[] read = {0};
            last = job.await(POLL, timeout, () -> read[0] = followFrom(output, read[0], follow));
            read[0] = followFrom(output, read[0], follow);
            if (!last.clusterFault()) {
                return last;
            }
            if (follow != null && attempt == 1) {
                follow.accept("slurm: " + last.describe() + ", ended by the cluster or an operator, not by the command; "
                    + "running it once more");
            }
        }
        return last;
    }

    /** Passes the complete lines of {@code file} past byte {@code from} to {@code follow}; returns where it stopped. */
    private static long followFrom(final Path file, final long from, final Consumer<String> follow) {
        if (follow == null || !Files.isRegularFile(file)) {
            return from;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() <= from) {
                return from;
            }
            final byte[] bytes = new byte[(int) Math.min(f.length() - from, 1 << 20)];
            f.seek(from);
            f.readFully(bytes);
            final String text = new String(bytes, StandardCharsets.UTF_8);
            final int end = text.lastIndexOf('\n');
            if (end < 0) {
                return from;
            }
            text.substring(0, end).lines().forEach(follow);
            return from + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        } catch (final IOException e) {
            return from; // the node may not have written it yet; the next look tries again
        }
    }

    /**
     * Waits until the job ends.
     *
     * @param poll    time between looks
     * @param timeout how long to wait at most; the job is cancelled when it runs past it
     * @param onPoll  called after every look (to follow the job's output), may be null
     */
    public Outcome await(final Duration poll, final Duration timeout, final Runnable onPoll)
        throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Outcome o = outcome();
            if (onPoll != null) {
                onPoll.run();
            }
            if (o != null) {
                return o;
            }
            if (System.nanoTime() > deadline) {
                cancel();
                throw new IOException("job " + id + " still running after " + timeout.toSeconds() + " s; cancelled");
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** The job's end, or null while it is pending or running (or accounting has not heard of it yet). */
    Outcome outcome() throws IOException {
        // -X: the allocation's own line, not its steps'; -P: '|' between fields, no padding or truncation.
        final String line = run(List.of("sacct", "-n", "-P", "-X", "-j", Long.toString(id), "-o", "State,ExitCode"))
            .strip();
        if (line.isEmpty()) {
            return null;
        }
        return parse(this, line.lines().findFirst().orElseThrow());
    }

    /** One {@code State|ExitCode} line of sacct, or null when the state is not an end. */
    static Outcome parse(final SlurmJob job, final String line) {
        final String[] f = line.split("\\|", -1);
        // "CANCELLED by 0", "CANCELLED+": the first word is the state.
        final String state = f[0].strip().split("[ +]", 2)[0].toUpperCase(Locale.ROOT);
        if (!ENDED.contains(state)) {
            return null;
        }
        int exit = 0;
        if (f.length > 1 && !f[1].isBlank()) {
            exit = Integer.parseInt(f[1].strip().split(":", 2)[0]);
        }
        return new Outcome(job, state, exit);
    }

    public void cancel() throws IOException {
        run(List.of("scancel", Long.toString(id)));
    }

    /**
     * The system property naming the cluster's {@code slurm.conf} for the Slurm clients this class starts, where the
     * environment's {@code SLURM_CONF} (or {@code /etc/slurm/slurm.conf}) is not the cluster meant.
     */
    public static final String CONF_PROPERTY = "jitskit.slurm.conf";

    /** Runs a Slurm client, returning its standard output; a non-zero exit is an IOException with its stderr. */
    static String run(final List<String> command) throws IOException {
        final Process p;
        try {
            final ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(false);
            final String conf = System.getProperty(CONF_PROPERTY);
            if (conf != null) {
                b.environment().put("SLURM_CONF", conf);
            }
            p = b.start();
        } catch (final IOException e) {
            throw new IOException(command.getFirst() + " not found: install Slurm's clients (Debian: slurm-client) "
                + "or run bin/slurm-local start for a one-node cluster on this machine", e);
        }
        try {
            final byte[] out = p.getInputStream().readAllBytes();
            final byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not answer in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command.subList(0, Math.min(2, command.size()))) + " failed: "
                    + new String(err, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (final InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.getFirst() + " interrupted", e);
        }
    }

    /** The command as one POSIX shell line, every word single-quoted. */
    static String shellQuote(final List<String> command) {
        final StringBuilder b = new StringBuilder();
        for (final String word : command) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }
}
