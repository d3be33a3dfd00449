package io.jitskit.harness.driver;

import io.jitskit.api.Store;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs the phases of a {@link WorkloadPlan} against a store: workers on their own threads, a once-a-second tick on
 * the calling thread.
 */
public final class Driver {

    private final WorkloadPlan plan;
    private final DriverOptions options;
    private final ProgressListener progress;

    public Driver(final WorkloadPlan plan, final DriverOptions options, final ProgressListener progress) {
        this.plan = plan;
        this.options = options;
        this.progress = progress;
    }

    private static final String THREAD_PREFIX = "jitskit-";

    /**
     * Whether {@code threadName} is one of the run phase's worker threads: indicators of blocking (parks, monitor
     * waits) count these only, since a store's own background threads idle by design and their sleep is no
     * contention.
     */
    public static boolean isRunWorker(final String threadName) {
        return threadName.startsWith(THREAD_PREFIX + "run-");
    }

    /** The load phase: every key written once, shared among the workers. Empty when the plan has none. */
    public PhaseResult load(final Store store) throws InterruptedException {
        return runPhase("load", store, plan.loadSources(options.threads()), null, 0, false);
    }

    /** The run phase, for the spec's duration or op count (or the options' duration). */
    public PhaseResult run(final Store store) throws InterruptedException {
        final Duration d = options.runDuration() != null ? options.runDuration() : plan.runDuration();
        final long opsPerWorker = d == null ? Math.max(1, plan.runOperations() / options.threads()) : 0;
        return runPhase("run", store, plan.runSources(options.threads(), options.batchSize()), d, opsPerWorker,
            plan.missIsFailure() && !options.storeKeepsNothing());
    }

    private PhaseResult runPhase(final String phase, final Store store, final OpSource[] sources,
                                 final Duration duration, final long opsPerWorker, final boolean missIsFailure)
        throws InterruptedException {
        final int n = sources.length;
        final Worker.RunControl control = new Worker.RunControl(opsPerWorker);
        final CyclicBarrier startLine = new CyclicBarrier(n + 1);
        final Worker[] workers = new Worker[n];
        final Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i, store, sources[i], plan.keySpace(), plan.codec(), options, missIsFailure,
                plan.upsertOnMiss(), plan.loadWithInsert(), plan.maxKeyBytes(), plan.maxValueBytes(), startLine,
                control);
            threads[i] = new Thread(workers[i], THREAD_PREFIX + phase + "-" + i);
            threads[i].start();
        }
        try {
            startLine.await();
        } catch (final java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException("a worker failed before the start", e);
        }
        final long start = System.nanoTime();
        final long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        final long planned = duration == null ? 0 : duration.toMillis();
        final List<Long> perSecond = new ArrayList<>();
        long lastTotal = 0;
        long nextTick = start + TimeUnit.SECONDS.toNanos(1);
        while (anyAlive(threads)) {
            final long now = System.nanoTime();
            if (now >= deadline) {
                control.running = false;
                break;
            }
            final long wake = Math.min(nextTick, deadline);
            joinUntil(threads, wake);
            if (System.nanoTime() >= nextTick) {
                final long total = sum(workers);
                perSecond.add(total - lastTotal);
                progress.onTick(phase, (nextTick - start) / 1_000_000, planned, total, total - lastTotal);
                lastTotal = total;
                nextTick += TimeUnit.SECONDS.toNanos(1);
            }
        }
        for (final Thread t : threads) {
            t.join();
        }
        return summarize(phase, workers, start, perSecond);
    }

    private static boolean anyAlive(final Thread[] threads) {
        for (final Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static void joinUntil(final Thread[] threads, final long wakeNanos) throws InterruptedException {
        for (final Thread t : threads) {
            final long left = wakeNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            t.join(Duration.ofNanos(left));
        }
    }

    private static long sum(final Worker[] workers) {
        long s = 0;
        for (final Worker w : workers) {
            s += w.counters.read();
        }
        return s;
    }

    private static PhaseResult summarize(final String phase, final Worker[] workers, final long start,
                                         final List<Long> perSecond) {
        long ops = 0;
        long end = start;
        long verified = 0;
        long misses = 0;
        long gen = 0;
        String failure = null;
        long failures = 0;
        final long[] byType = new long[OpCode.COUNT];
        final Histogram[] merged = new Histogram[OpCode.COUNT];
        final List<Long> cpu = new ArrayList<>();
        for (final Worker w : workers) {
            for (int op = 0; op < OpCode.COUNT; op++) {
                byType[op] += w.opsByType[op];
                ops += w.opsByType[op];
                if (merged[op] == null) {
                    merged[op] = w.latency[op].copy();
                } else {
                    merged[op].add(w.latency[op]);
                }
            }
            end = Math.max(end, w.endNanos);
            verified += w.verifiedReads;
            misses += w.readMisses;
            gen += w.generationNanos;
            cpu.add(w.cpuNanos);
            failures += w.failures;
            if (failure == null && w.failureDetail != null) {
                failure = w.failureDetail;
            }
            w.release();
        }
        if (failures > 1) {
            failure = failures + " failures; first: " + failure;
        }
        final Map<String, Long> opsByName = new LinkedHashMap<>();
        final Map<String, LatencySummary> lat = new LinkedHashMap<>();
        for (int op = 0; op < OpCode.COUNT; op++) {
            if (byType[op] > 0) {
                final String name = OpCode.operation((byte) op).cardName();
                opsByName.put(name, byType[op]);
                lat.put(name, LatencySummary.of(merged[op]));
            }
        }
        return new PhaseResult(phase, ops, end - start, opsByName, lat, List.copyOf(perSecond), verified, misses, gen,
            cpu, failure);
    }
}
