package io.jitskit.baselines.common;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that makes acknowledged writes durable every group-commit interval (the card's bound on how long
 * an acknowledged operation may stay volatile). A failed commit is kept and rethrown by {@link #close}, and by
 * {@link #check} on the next operation that asks, never swallowed.
 */
public final class GroupCommitter implements AutoCloseable {

    /** One durable step: an fsync, a WAL sync, a commit. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private final Thread thread;
    private final long intervalNanos;
    private final Step step;
    private volatile boolean running = true;
    private volatile IOException failure;

    public GroupCommitter(final String name, final Duration interval, final Step step) {
        // A zero interval means "every operation"; adapters sync inline then and never start a committer.
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("group-commit interval must be positive, was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.step = step;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
        thread.start();
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(this, intervalNanos);
            try {
                step.run();
            } catch (final IOException e) {
                failure = e;
                return;
            }
        }
    }

    /** Throws the failure of an earlier group commit, if any. */
    public void check() {
        final IOException e = failure;
        if (e != null) {
            throw new IllegalStateException("group commit failed; acknowledged writes may not be durable", e);
        }
    }

    /** Stops the thread after one last commit. */
    @Override
    public void close() throws IOException {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the group committer", e);
        }
        check();
        step.run();
    }
}
