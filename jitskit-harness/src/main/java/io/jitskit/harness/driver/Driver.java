package io.jitskit.harness.driver;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.freshness.FreshnessLedger;
import io.jitskit.workload.KeyFootprint;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
    private OpSource[] runSources;
    /** Null when the options turn freshness off or the store keeps nothing by design. */
    private final FreshnessLedger ledger;
    /** Each worker's write sequence, carried from phase to phase so that a key's versions only grow. */
    private final long[] versionSeqs;

    /** A driver for a store opened just now: failures state their time since this moment. */
    public Driver(final WorkloadPlan plan, final DriverOptions options, final ProgressListener progress) {
        this.plan = plan;
        this.options = options;
        this.progress = progress;
        this.ledger = options.freshness() && !options.storeKeepsNothing()
            ? new FreshnessLedger(options.threads(), plan.trackableKeys(), plan.codec(), System.nanoTime(),
                options.seed(), FreshnessLedger.slotsWithin(plan.memoryBudgetBytes(), options.threads())) : null;
        this.versionSeqs = new long[options.threads()];
    }

    private long lastPhaseCheckedReads;
    private long lastPhaseTrackedWrites;

    /** Writes (and rmw's) of sampled keys the last phase published to the ledger. */
    public long lastPhaseTrackedWrites() {
        return lastPhaseTrackedWrites;
    }

    /** Reads of sampled keys the last phase judged for freshness. */
    public long lastPhaseCheckedReads() {
        return lastPhaseCheckedReads;
    }

    /** The sample of keys every read is checked on, or null when freshness is off. */
    public FreshnessLedger ledger() {
        return ledger;
    }

    /**
     * Retention at the end: with the workers stopped, every sampled key that was written reads back its latest
     * acknowledged write (or absence after a delete) through a fresh session. Null when freshness is off.
     */
    public FreshnessLedger.Retention verifyRetention(final Store store) {
        if (ledger == null) {
            return null;
        }
        final int max = plan.maxValueBytes();
        try (Arena arena = Arena.ofConfined(); Session session = store.openSession(0)) {
            final MemorySegment keyBuffer = arena.allocate(plan.maxKeyBytes() + Long.BYTES, 8);
            final MemorySegment out = arena.allocate(max, 8);
            return ledger.verifyRetention((id, into) -> session.read(
                keyBuffer.asSlice(0, plan.keySpace().writeKey(id, keyBuffer)), into), out);
        }
    }

    /**
     * Retention across a restart: checkpoints the store in {@code open[0]}, closes it and reopens it on the same
     * directory (the holder sees the reopened store, or null if the reopen threw, so the caller closes what is
     * open), then reads the sample back. A checkpoint that stops persisting late is seen only this way.
     */
    public FreshnessLedger.Retention verifyRetentionAfterReopen(final Store[] open, final StoreProvider provider,
                                                                final StoreContext context) throws IOException {
        open[0].checkpoint();
        open[0].close();
        open[0] = null;
        open[0] = provider.open(context);
        return verifyRetention(open[0]);
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
        return runPhase("load", store, plan.loadSources(options.threads()), null, 0, false, false, null);
    }

    /**
     * Runs the card's stream, untimed, until the store's throughput is steady: {@link SteadyState} over 250-ms
     * windows, at most {@link #warmUpLimit} long. The run phase then continues the same stream where the warm-up left
     * it, so the store is in a state the card's stream reaches (a time-order window moved on), and JIT compilation of the store's paths, the first touches of its pages and the collector's sizing of
     * the heap happen here instead of inside the measured window, where they made the first second of a run 25% to
     * 50% slower than the rest (EVALUATOR.md, cause 2). Null for a run of a fixed operation count (it is exactly its
     * operations), a trace (see {@link WorkloadPlan#warmable}), or when the options turn it off.
     */
    public PhaseResult warmUp(final Store store) throws InterruptedException {
        final Duration run = options.runDuration() != null ? options.runDuration() : plan.runDuration();
        if (!options.warmUp() || !plan.warmable(run != null)) {
            return null;
        }
        return runPhase("warmup", store, runSources(), warmUpLimit(run), 0,
            plan.missIsFailure() && !options.storeKeepsNothing(), false,
            new SteadyState(SteadyState.WINDOW, SteadyState.WINDOWS, SteadyState.TOLERANCE, SteadyState.MIN_TIME));
    }

    /** The run phase's sources, made once: a warm-up draws from them first. */
    private OpSource[] runSources() {
        if (runSources == null) {
            runSources = plan.runSources(options.threads());
        }
        return runSources;
    }

    /** The longest warm-up: as long as the run, within 1 to 10 seconds. */
    static Duration warmUpLimit(final Duration run) {
        final long ms = run == null ? 10_000 : Math.clamp(run.toMillis(), 1_000, 10_000);
        return Duration.ofMillis(ms);
    }

    /** The run phase, for the spec's duration or op count (or the options' duration). */
    public PhaseResult run(final Store store) throws InterruptedException {
        final Duration d = options.runDuration() != null ? options.runDuration() : plan.runDuration();
        final long opsPerWorker = d == null ? Math.max(1, plan.runOperations() / options.threads()) : 0;
        return runPhase("run", store, runSources(), d, opsPerWorker,
            plan.missIsFailure() && !options.storeKeepsNothing(), true, null);
    }

    private PhaseResult runPhase(final String phase, final Store store, final OpSource[] sources,
                                 final Duration duration, final long opsPerWorker, final boolean missIsFailure,
                                 final boolean countFootprint, final SteadyState steady)
        throws InterruptedException {
        final int n = sources.length;
        if (n > versionSeqs.length) {
            throw new IllegalStateException(n + " sources for " + versionSeqs.length + " worker threads");
        }
        final Worker.RunControl control = new Worker.RunControl(opsPerWorker);
        final CyclicBarrier startLine = new CyclicBarrier(n + 1);
        final Worker[] workers = new Worker[n];
        final Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i, store, sources[i], plan.keySpace(), plan.codec(), options, missIsFailure,
                plan.upsertOnMiss(), plan.loadWithInsert(), plan.maxKeyBytes(), plan.maxValueBytes(), startLine,
                control, countFootprint ? plan.newFootprint() : null, ledger, versionSeqs[i]);
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
        long nextWindow = steady == null ? Long.MAX_VALUE : start + steady.windowNanos();
        long windowTotal = 0;
        while (anyAlive(threads)) {
            final long now = System.nanoTime();
            if (now >= deadline) {
                control.running = false;
                break;
            }
            final long wake = Math.min(Math.min(nextTick, nextWindow), deadline);
            joinUntil(threads, wake);
            if (System.nanoTime() >= nextWindow) {
                final long total = sum(workers);
                nextWindow += steady.windowNanos();
                if (steady.add(total - windowTotal)) {
                    control.running = false;
                    break;
                }
                windowTotal = total;
            }
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
        long fresh = 0;
        long tracked = 0;
        for (int i = 0; i < n; i++) {
            versionSeqs[i] = workers[i].versionSeq;
            fresh += workers[i].freshReads;
            tracked += workers[i].freshWrites;
        }
        lastPhaseCheckedReads = fresh;
        lastPhaseTrackedWrites = tracked;
        return summarize(phase, workers, start, perSecond, plan);
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
                                         final List<Long> perSecond, final WorkloadPlan plan) {
        long ops = 0;
        long end = start;
        long verified = 0;
        long misses = 0;
        long gen = 0;
        String failure = null;
        long failures = 0;
        final long[] byType = new long[OpCode.COUNT];
        KeyFootprint touched = null;
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
            if (w.footprint != null) {
                if (touched == null) {
                    touched = w.footprint;
                } else {
                    touched.addAll(w.footprint);
                }
            }
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
            cpu, failure, touched == null ? null : footprint(touched, ops - byType[OpCode.INSERT], plan));
    }

    /** Fresh inserts name new ids, so only the other operations are draws from the card's key distribution. */
    private static PhaseResult.Footprint footprint(final KeyFootprint touched, final long draws,
                                                   final WorkloadPlan plan) {
        final double expected = plan.expectedDistinctKeys(draws);
        return new PhaseResult.Footprint(touched.distinctKeys(), Double.isNaN(expected) ? null : expected, draws,
            touched.stride());
    }
}
