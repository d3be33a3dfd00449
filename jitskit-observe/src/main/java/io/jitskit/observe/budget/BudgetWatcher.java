package io.jitskit.observe.budget;

import io.jitskit.observe.proc.ProcessGoneException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Samples a process against its {@link MemoryBudget} on a daemon thread, keeps the time series ("resident memory
 * and resident file pages over time", CONTRACTS.md section 7) and the peak, and reports the first sample over the
 * budget to a listener.
 *
 * <p>The first sample is taken at once, the next ones every period after it; a sample that overruns its period
 * pushes the schedule back instead of firing a burst, and the period stretches to {@link #COST_RATIO} times the last
 * sample's duration when sampling gets expensive (many or large store files), so the watcher never takes more than
 * a small share of the CPU from the process it measures. Sampling ends when {@link #stop()} is called, when the process
 * exits, or when a sample cannot be taken (then the verdict carries the failure: the run must not pass). The
 * watcher does not act on the process: the listener decides (typically ends the child and fails the run). The
 * listener runs on the sampler thread, once; keep it short.
 *
 * <h2>Concurrency</h2>
 * One sampler thread writes; any thread may read. All mutable state is guarded by this object's monitor, taken once
 * per sample by the writer and once per query by a reader, so a reader sees a series, peak and excess that belong
 * together. The time series grows by one record per sample: an hour at 100 ms is 36,000 samples, a few MiB.
 *
 * <pre>{@code
 * try (BudgetWatcher watcher = BudgetWatcher.start(
 *         new MemoryBudget(budgetBytes, child.pid(), storeDir), Duration.ofMillis(100),
 *         verdict -> child.destroyForcibly())) {
 *     ... run ...
 *     Verdict verdict = watcher.stop();
 * }
 * }</pre>
 */
public final class BudgetWatcher implements AutoCloseable {

    /** The period is at least this many times the last sample's duration: sampling takes at most 5 % of a core. */
    static final long COST_RATIO = 20;

    private final MemoryBudget budget;
    private final long periodNanos;
    private final Consumer<Verdict> onExcess;
    private final long startNanos;
    private final CountDownLatch exceeded = new CountDownLatch(1);
    private final Thread sampler;

    private volatile boolean running = true;

    // Guarded by this.
    private final List<BudgetSample> samples = new ArrayList<>();
    private BudgetSample peak;
    private BudgetSample firstExcess;
    private long slowestSampleNanos;
    private boolean processEnded;
    private String failure;

    private BudgetWatcher(final MemoryBudget budget, final Duration period, final Consumer<Verdict> onExcess) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.periodNanos = period.toNanos();
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("sampling period " + period + ": must be positive");
        }
        this.onExcess = Objects.requireNonNull(onExcess, "onExcess");
        this.startNanos = System.nanoTime();
        this.sampler = Thread.ofPlatform().daemon().name("jitskit-budget-watcher-" + budget.pid()).unstarted(this::run);
    }

    /**
     * Starts sampling.
     *
     * @param budget   the budget, process and store directory; owned by the watcher from now on
     * @param period   time between samples; 100 to 250 ms suits a run of seconds to minutes
     * @param onExcess called once, on the sampler thread, with the verdict as of the first sample over the budget
     */
    public static BudgetWatcher start(final MemoryBudget budget, final Duration period,
                                      final Consumer<Verdict> onExcess) {
        final BudgetWatcher watcher = new BudgetWatcher(budget, period, onExcess);
        watcher.sampler.start();
        return watcher;
    }

    /** {@link #start(MemoryBudget, Duration, Consumer)} for a process and a store directory ({@code null}: none). */
    public static BudgetWatcher start(final long pid, final Path storeDirectory, final long budgetBytes,
                                      final Duration period, final Consumer<Verdict> onExcess) {
        return start(new MemoryBudget(budgetBytes, pid, storeDirectory), period, onExcess);
    }

    /** The verdict so far. */
    public synchronized Verdict verdict() {
        return new Verdict(budget.pid(), budget.budgetBytes(), firstExcess, peak, samples.size(), slowestSampleNanos,
            processEnded, failure);
    }

    /** A copy of the time series so far, oldest first. */
    public synchronized List<BudgetSample> samples() {
        return List.copyOf(samples);
    }

    /** Samples taken so far. */
    public synchronized int sampleCount() {
        return samples.size();
    }

    /** Whether the sampler is still sampling. */
    public boolean isSampling() {
        return sampler.isAlive();
    }

    /**
     * Waits until a sample exceeds the budget and the listener has returned.
     *
     * @return whether one did within the timeout
     */
    public boolean awaitExcess(final Duration timeout) throws InterruptedException {
        return exceeded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Writes the time series as CSV: {@link BudgetSample#CSV_HEADER}, then one row per sample. */
    public void writeCsv(final Appendable out) throws IOException {
        out.append(BudgetSample.CSV_HEADER).append('\n');
        for (final BudgetSample sample : samples()) {
            out.append(sample.toCsvRow()).append('\n');
        }
    }

    /**
     * Stops sampling, waits for the sampler to finish its current sample, and returns the final verdict.
     * Idempotent.
     */
    public Verdict stop() {
        running = false;
        LockSupport.unpark(sampler);
        boolean interrupted = false;
        while (sampler.isAlive()) {
            try {
                sampler.join();
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return verdict();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void run() {
        long deadline = System.nanoTime();
        while (running) {
            final long sampleStart = System.nanoTime();
            final BudgetSample sample;
            try {
                sample = budget.sample(sampleStart - startNanos);
            } catch (final ProcessGoneException gone) {
                synchronized (this) {
                    processEnded = true;
                }
                return;
            } catch (final IOException | RuntimeException e) {
                synchronized (this) {
                    failure = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                return;
            }
            final long took = System.nanoTime() - sampleStart;
            if (record(sample, took)) {
                notifyExcess();
            }
            // The sampler shares the machine with the store it measures: on 2 cores a sample that takes 80 ms every
            // 100 ms (mincore over a 5 GiB sparse LMDB map) would take most of a core from the store and make the
            // loss function favour small files. Stretch the period so sampling costs at most 1/COST_RATIO of a core.
            deadline = Math.max(deadline + Math.max(periodNanos, took * COST_RATIO), System.nanoTime());
            // parkNanos may return early (unpark from stop(), spurious wake-ups): loop until the deadline.
            for (long wait = deadline - System.nanoTime(); running && wait > 0; wait = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Appends a sample; true when it is the first over the budget. */
    private synchronized boolean record(final BudgetSample sample, final long tookNanos) {
        samples.add(sample);
        slowestSampleNanos = Math.max(slowestSampleNanos, tookNanos);
        if (peak == null || sample.chargedBytes() > peak.chargedBytes()) {
            peak = sample;
        }
        if (firstExcess == null && budget.isExceededBy(sample)) {
            firstExcess = sample;
            return true;
        }
        return false;
    }

    private void notifyExcess() {
        try {
            onExcess.accept(verdict());
        } catch (final RuntimeException e) {
            synchronized (this) {
                failure = "the budget listener failed: " + e;
            }
        } finally {
            // After the listener, so that whoever awaits the excess also sees what the listener did.
            exceeded.countDown();
        }
    }
}
