package io.jitskit.gate.child;

import io.jitskit.gate.StoreUnderTest;
import io.jitskit.harness.fork.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link GateChild}, seen from the gate: its standard output as a queue of lines, its standard
 * error in a file, the hidden seed handed over on its standard input (never on the command line, which a store can
 * read from {@code /proc/self/cmdline}), and SIGKILL.
 */
public final class ChildProcess implements AutoCloseable {

    /** Exit status of a process killed by SIGKILL: 128 + 9. */
    public static final int SIGKILL_EXIT_STATUS = 137;

    /** Returned by {@link #nextLine} when the child's output has ended. */
    public static final String END = "\u0000end";

    private final Process process;
    private final OutputStream stdin;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final Thread pump;

    private ChildProcess(final Process process, final Path stderr) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        this.pump = Thread.ofPlatform().daemon().name("gate-child-out-" + process.pid()).start(this::pump);
    }

    /**
     * Starts {@code GateChild mode args...} with heap and direct memory capped at {@code usableBytes} and the JVM
     * options the store asks for (module openings its libraries need), and writes the seed to its standard input.
     *
     * @param stderr where the child's standard error goes
     */
    public static ChildProcess start(final long usableBytes, final List<String> storeJvmArgs, final long seed,
                                     final Path stderr, final String mode, final List<String> args)
        throws IOException {
        final List<String> all = new ArrayList<>();
        all.add(mode);
        all.addAll(args);
        final List<String> jvmArgs = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        jvmArgs.addAll(storeJvmArgs);
        final List<String> command = ChildJvm.command(usableBytes, jvmArgs, GateChild.class.getName(),
            all.toArray(String[]::new));
        Files.createDirectories(stderr.getParent());
        final Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        final ChildProcess child = new ChildProcess(process, stderr);
        child.send(Long.toString(seed));
        return child;
    }

    /**
     * Starts {@code GateChild mode} for {@code sut}'s store: same spec, level, run directory and seed, heap capped at
     * the spec's usable bytes.
     */
    public static ChildProcess startFor(final StoreUnderTest sut, final String mode, final Path stderr,
                                        final List<String> extra) throws IOException {
        final List<String> args = new ArrayList<>(List.of(ChildArgs.of("store", sut.ref()),
            ChildArgs.of("spec", sut.specFile()), ChildArgs.of("level", sut.level().encode()),
            ChildArgs.of("run", sut.runDir())));
        args.addAll(extra);
        return start(sut.spec().environment().usableBytes(), sut.provider().jvmArgs(), sut.workbench().seed(), stderr,
            mode, args);
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (transcript) {
                    transcript.add(line);
                }
                lines.add(line);
            }
        } catch (final IOException e) {
            lines.add("(reading the child's output failed: " + e + ")");
        } finally {
            lines.add(END);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The next line the child printed, waiting at most {@code timeout}.
     *
     * @return the line, {@link #END} once the output has ended, or null on timeout
     */
    public String nextLine(final Duration timeout) throws InterruptedException {
        final String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (END.equals(line)) {
            lines.add(END); // stay at the end for later callers
        }
        return line;
    }

    /**
     * Waits for a line starting with {@code prefix}, skipping others.
     *
     * @return the line, or null when the child ended or the timeout passed first
     */
    public String await(final String prefix, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            final String line = nextLine(Duration.ofNanos(left));
            if (line == null || END.equals(line)) {
                return null;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends one line to the child's standard input. */
    public void send(final String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Sends SIGKILL without waiting: safe from any thread, e.g. a budget watcher's. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Ends the child with SIGKILL and waits for it and for the last of its output. */
    public void killNow() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        drained();
    }

    /**
     * Waits until every line the exited child printed is in the transcript: the process can be gone while the pipe
     * still holds its last lines.
     */
    private void drained() throws InterruptedException {
        pump.join(TimeUnit.SECONDS.toMillis(30));
    }

    /**
     * Waits for the child to exit, killing it when {@code timeout} passes first.
     *
     * @return its exit status, or -1 when it had to be killed
     */
    public int waitFor(final Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            drained();
            return process.exitValue();
        }
        killNow();
        return -1;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Every line the child printed so far. */
    public List<String> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    /** The last {@code n} lines of the child's standard error. */
    public String stderrTail(final int n) {
        try {
            final List<String> all = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
        } catch (final IOException e) {
            return "(standard error unreadable: " + e + ")";
        }
    }

    /** Kills the child if it still runs, and waits for it (an interrupt is kept for the caller). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            stdin.close();
        } catch (final IOException ignored) {
            // the pipe of a dead process: nothing left to flush
        }
    }
}
