package io.jitskit.observe.budget;

import io.jitskit.observe.testing.MemoryHog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link MemoryHog} in a child JVM: started, awaited until its memory is grown, and ended on close. */
final class HogProcess implements AutoCloseable {

    private final Process process;
    private final CompletableFuture<String> firstLine;

    private HogProcess(final Process process) {
        this.process = process;
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (final IOException e) {
                return "unreadable: " + e;
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    static HogProcess start(final MemoryHog.Kind kind, final int mebibytes, final Path directory) throws IOException {
        return new HogProcess(new ProcessBuilder(MemoryHog.command(kind, mebibytes, directory))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the hog's READY line. */
    void awaitReady(final Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        final String line = firstLine.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null || !line.startsWith(MemoryHog.READY)) {
            throw new IllegalStateException("memory hog " + process.pid() + " said '" + line + "' instead of READY");
        }
    }

    /** Ends the hog: end of input asks it to leave; a hog that does not is killed. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
