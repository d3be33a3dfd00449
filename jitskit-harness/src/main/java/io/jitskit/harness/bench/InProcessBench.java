package io.jitskit.harness.bench;

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
        try (WorkloadPlan plan = WorkloadPlan.of(runSpec, options.seed());
             Store store = provider.open(ctx)) {
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
                    indicators.put("harness.warmup_ms", warm.elapsedNanos() / 1e6);
                    indicators.put("harness.warmup_ops", (double) warm.operations());
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
                    BenchResult.OTHERS_CPU_SHARE, after.othersShareSince(before,
                        ProcCpu.processUserCpuNanos(Proc.selfPid()) - ownCpuBefore))));
                ioBefore.ifPresent(before -> ProcIo.ofSelf().ifPresent(after -> {
                    final ProcIo d = after.minus(before);
                    indicators.put("io.read_bytes", (double) d.readBytes());
                    indicators.put("io.write_bytes", (double) d.writeBytes());
                    indicators.put("io.read_calls", (double) d.readCalls());
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
                indicators.put("cpu.worker_utilization", run.elapsedNanos() == 0 ? 0
                    : cpu / ((double) run.elapsedNanos() * options.threads()));
                indicators.put("harness.generation_share", run.generationShare(options.threads()));
                final HarnessCost cost = HarnessCost.measure(plan, plan.maxValueBytes());
                final double harnessNs = cost.nanosPerOperation(run);
                indicators.put("harness.key_ns", cost.keyNanos());
                indicators.put("harness.value_write_ns", cost.writeNanos());
                indicators.put("harness.value_verify_ns", cost.verifyNanos());
                indicators.put("harness.ns_per_op", harnessNs);
                // Of each worker's time per operation, the share the harness took (the rest is the store's).
                indicators.put("harness.share", run.operations() == 0 ? 0
                    : harnessNs * run.operations() / ((double) run.elapsedNanos() * options.threads()));
                failure = run.failure();
            }
            final Map<String, Double> metrics = new TreeMap<>();
            store.metrics().ifPresent(m -> metrics.putAll(m.snapshot()));
            return new BenchResult(BenchResult.SCHEMA, specName, file, summary, options.threads(), options.seed(),
                startedAt, load, run, BenchResult.MemorySummary.unmeasured(budget), indicators, metrics,
                failure == null ? "ok" : "failed", failure);
        }
    }
}
