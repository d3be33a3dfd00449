package io.jitskit.harness.bench;

import io.jitskit.api.MetricNames;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.driver.Driver;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.driver.HarnessCost;
import io.jitskit.harness.driver.PhaseResult;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.harness.driver.WorkloadPlan;
import io.jitskit.harness.freshness.FreshnessLedger;
import io.jitskit.observe.jfr.JfrIndicators;
import io.jitskit.observe.proc.MachineCpu;
import io.jitskit.observe.proc.Proc;
import io.jitskit.observe.proc.ProcCpu;
import io.jitskit.observe.proc.ProcIo;
import io.jitskit.observe.proc.SmapsRollup;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Runs a benchmark in this JVM: no budget enforcement from outside, used by the child and by tests. */
public final class InProcessBench {

    private InProcessBench() {
    }

    /**
     * Opens {@code provider}'s store on {@code dataDir}, loads, runs and closes it.
     *
     * @param spec the spec, its threads already set to what the run uses
     */
    public static BenchResult run(final Spec spec, final Path specFile, final StoreProvider provider,
                                  final DriverOptions options, final Path dataDir, final ProgressListener progress)
        throws IOException, InterruptedException {
        final Spec runSpec = spec.withEnvironment(spec.environment().withStorageDir(dataDir)
            .withThreads(options.threads()));
        final StoreContext ctx = new StoreContext(runSpec, dataDir);
        final String startedAt = Instant.now().toString();
        final String specName = spec.name();
        final String file = specFile == null ? null : specFile.toString();
        final long budget = spec.environment().memoryBudgetBytes();
        final String unsupported = provider.unsupportedReason(ctx);
        if (unsupported != null) {
            return new BenchResult(BenchResult.SCHEMA, specName, file,
                new BenchResult.StoreSummary(provider.name(), "n/a", Map.of()), options.threads(), options.seed(),
                startedAt, null, null, BenchResult.MemorySummary.unmeasured(budget), Map.of(), Map.of(), "skipped",
                provider.name() + " cannot serve " + specName + ": " + unsupported);
        }
        try (WorkloadPlan plan = WorkloadPlan.of(runSpec, options.seed())) {
            final Store[] open = {provider.open(ctx)};
            try {
                return run(spec, file, provider, options, ctx, plan, open, progress, startedAt, budget);
            } finally {
                if (open[0] != null) {
                    open[0].close();
                }
            }
        }
    }

    /** The phases on an open store; {@code open[0]} is the store, replaced when it is reopened, null once closed. */
    private static BenchResult run(final Spec spec, final String file, final StoreProvider provider,
                                   final DriverOptions options, final StoreContext ctx, final WorkloadPlan plan,
                                   final Store[] open, final ProgressListener progress, final String startedAt,
                                   final long budget) throws IOException, InterruptedException {
        final String specName = spec.name();
        {
            final Store store = open[0];
            final Driver driver = new Driver(plan, options, progress);
            final StoreInfo info = store.info();
            final BenchResult.StoreSummary summary = new BenchResult.StoreSummary(info.name(),
                info.durability().level().name().toLowerCase(java.util.Locale.ROOT), info.configuration());
            PhaseResult load = null;
            PhaseResult run = null;
            String failure;
            if (options.load()) {
                load = driver.load(store);
            }
            failure = load == null ? null : load.failure();
            final Map<String, Double> indicators = new TreeMap<>();
            if (failure == null) {
                final PhaseResult warm = driver.warmUp(store);
                if (warm != null) {
                    // Kept going (the harness measured on noop), a warm-up's counted misses reappear in the run.
                    failure = options.stopOnFailure() ? warm.failure() : null;
                    indicators.put(MetricNames.HARNESS_WARMUP_MS, warm.elapsedNanos() / 1e6);
                    indicators.put(MetricNames.HARNESS_WARMUP_OPS, (double) warm.operations());
                }
            }
            if (failure == null) {
                final Optional<ProcIo> ioBefore = ProcIo.ofSelf();
                final Optional<MachineCpu> machineBefore = MachineCpu.now();
                final long ownCpuBefore = machineBefore.isPresent()
                    ? ProcCpu.processUserCpuNanos(Proc.selfPid()) : 0;
                // Blocking is the workers' only: a compactor that sleeps between passes is not lock contention.
                try (JfrIndicators jfr = JfrIndicators.start(JfrIndicators.DEFAULT_CONTENTION_THRESHOLD,
                    Driver::isRunWorker)) {
                    run = driver.run(store);
                    indicators.putAll(jfr.stop().toMap());
                }
                machineBefore.ifPresent(before -> MachineCpu.now().ifPresent(after -> indicators.put(
                    MetricNames.MACHINE_OTHERS_CPU_SHARE, after.othersShareSince(before,
                        ProcCpu.processUserCpuNanos(Proc.selfPid()) - ownCpuBefore))));
                ioBefore.ifPresent(before -> ProcIo.ofSelf().ifPresent(after -> {
                    final ProcIo d = after.minus(before);
                    indicators.put("io.read_bytes", (double) d.readBytes());
                    indicators.put("io.write_bytes", (double) d.writeBytes());
                    indicators.put(MetricNames.IO_READ_CALLS, (double) d.readCalls());
                    indicators.put("io.write_calls", (double) d.writeCalls());
                    indicators.put("io.read_chars", (double) d.readChars());
                    indicators.put("io.write_chars", (double) d.writtenChars());
                }));
                long cpu = 0;
                for (final long c : run.workerCpuNanos()) {
                    cpu += c;
                }
                indicators.put("cpu.workers_ms", cpu / 1e6);
                if (io.jitskit.observe.os.Linux.isLinux()) {
                    final SmapsRollup mem = SmapsRollup.ofSelf();
                    indicators.put("memory.anon_huge_share", mem.anonymousBytes() <= 0 ? 0
                        : mem.anonHugeBytes() / (double) mem.anonymousBytes());
                }
                indicators.put(MetricNames.CPU_WORKER_UTILIZATION, run.elapsedNanos() == 0 ? 0
                    : cpu / ((double) run.elapsedNanos() * options.threads()));
                indicators.put("harness.generation_share", run.generationShare(options.threads()));
                final HarnessCost cost = HarnessCost.measure(plan, plan.maxValueBytes());
                final double harnessNs = cost.nanosPerOperation(run, driver.lastPhaseCheckedReads(),
                    driver.lastPhaseTrackedWrites());
                indicators.put("harness.freshness_ns", cost.freshnessNanosPerOperation(run,
                    driver.lastPhaseCheckedReads(), driver.lastPhaseTrackedWrites()));
                indicators.put("harness.freshness_read_ns", cost.freshReadNanos());
                indicators.put("harness.freshness_write_ns", cost.freshWriteNanos());
                indicators.put("harness.key_ns", cost.keyNanos());
                indicators.put("harness.value_write_ns", cost.writeNanos());
                indicators.put("harness.value_verify_ns", cost.verifyNanos());
                indicators.put("harness.ns_per_op", harnessNs);
                // Of each worker's time per operation, the share the harness took (the rest is the store's).
                indicators.put("harness.share", run.operations() == 0 ? 0
                    : harnessNs * run.operations() / ((double) run.elapsedNanos() * options.threads()));
                failure = run.failure();
                indicators.put(MetricNames.FRESHNESS_CHECKED_READS, (double) driver.lastPhaseCheckedReads());
            }
            final Map<String, Double> metrics = new TreeMap<>();
            store.metrics().ifPresent(m -> metrics.putAll(m.snapshot()));
            if (failure == null && run != null) {
                failure = retention(driver, open, provider, ctx, spec, indicators);
            }
            return new BenchResult(BenchResult.SCHEMA, specName, file, summary, options.threads(), options.seed(),
                startedAt, load, run, BenchResult.MemorySummary.unmeasured(budget), indicators, metrics,
                failure == null ? "ok" : "failed", failure);
        }
    }

    /**
     * Retention at the end of the run: every sampled key reads back its latest acknowledged write on the store that
     * ran, and, where the card is durable, again after a checkpoint, a close and a reopen on the same directory.
     *
     * @return the first failure, or null
     */
    private static String retention(final Driver driver, final Store[] open, final StoreProvider provider,
                                    final StoreContext ctx, final Spec spec, final Map<String, Double> indicators)
        throws IOException {
        final FreshnessLedger ledger = driver.ledger();
        if (ledger == null) {
            return null;
        }
        indicators.put("freshness.sampled_keys", (double) ledger.trackedKeys());
        final long t0 = System.nanoTime();
        final FreshnessLedger.Retention here = driver.verifyRetention(open[0]);
        indicators.put(MetricNames.FRESHNESS_RETENTION_KEYS, (double) here.keysChecked());
        indicators.put("freshness.retention_ms", (System.nanoTime() - t0) / 1e6);
        if (!here.ok()) {
            return here.failure() + " (read back on the open store after the run)";
        }
        if (!spec.requirements().durability().isDurable()) {
            return null;
        }
        final long t1 = System.nanoTime();
        final FreshnessLedger.Retention reopened = driver.verifyRetentionAfterReopen(open, provider, ctx);
        indicators.put(MetricNames.FRESHNESS_REOPEN_KEYS, (double) reopened.keysChecked());
        indicators.put("freshness.reopen_ms", (System.nanoTime() - t1) / 1e6);
        return reopened.ok() ? null
            : reopened.failure() + " (read back after a checkpoint, a close and a reopen of the store)";
    }
}
