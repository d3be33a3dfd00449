package io.jitskit.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.gate.audit.StaticAuditCheck;
import io.jitskit.gate.check.BuiltInChecks;
import io.jitskit.gate.check.LogWrapProbe;
import io.jitskit.gate.check.MemoryBudgetCheck;
import io.jitskit.gate.child.ChildArgs;
import io.jitskit.gate.child.ChildProcess;
import io.jitskit.gate.child.GateChild;
import io.jitskit.gate.crash.CrashRecoveryCheck;
import io.jitskit.harness.fork.ChildJvm;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the correctness gate of CONTRACTS section 4 on one store: the API the synthesis loop calls every iteration
 * and the {@code jitskit check} command runs.
 *
 * <h2>Order, and where each check runs</h2>
 * <ol>
 *   <li>{@code static-audit}, in this JVM (it reads class files, it runs nothing of the store);</li>
 *   <li>the in-process checks of {@link BuiltInChecks} (retention, read-after-write, torn reads, delete, and the
 *       probes on fresh permutations, keys outside the range, value sizes, checkpoints under writes), in one child
 *       JVM unless the options say otherwise: a store that exits or crashes the JVM fails the check it was in;</li>
 *   <li>the five crash-recovery tests, each killing and recovering child JVMs;</li>
 *   <li>{@code memory-budget} and {@code probe-log-wrap}, each in a child JVM;</li>
 *   <li>probes added at run time, in this JVM.</li>
 * </ol>
 * The gate scales the spec to the level (key count capped, at least two threads) and draws a hidden seed; the report
 * and every failure's reproducer go to the run directory.
 */
public final class GateRunner {

    private static final int MIN_THREADS = 2;
    private static final int MAX_THREADS = 8;

    private GateRunner() {
    }

    /** The gate with default options: every check, isolated, a fresh seed. */
    public static GateReport run(final Spec spec, final String store, final GateLevel level, final Path runDir)
        throws IOException, StoreLoadException, InterruptedException {
        return run(spec, store, level, runDir, GateOptions.defaults());
    }

    /**
     * Runs the gate.
     *
     * @param store a registered store name, a store jar, or a provider class name
     * @return the report, also written to {@code runDir} as {@code gate-report.json} and {@code gate-report.txt}
     */
    public static GateReport run(final Spec spec, final String store, final GateLevel level, final Path runDir,
                                 final GateOptions options)
        throws IOException, StoreLoadException, InterruptedException {
        final long started = System.nanoTime();
        final String startedAt = Instant.now().toString();
        final StoreProvider provider = StoreLocator.locate(store);
        final Spec gateSpec = gateSpec(spec, level, runDir.resolve("data"));
        final long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
        Files.createDirectories(runDir);
        final StoreUnderTest sut = new StoreUnderTest(store, provider, gateSpec, level, runDir, seed);
        final List<CheckResult> results = new ArrayList<>();
        final String unsupported = provider.unsupportedReason(new StoreContext(gateSpec, runDir.resolve("data")));
        if (unsupported != null) {
            results.add(CheckResult.undecided("store-serves-spec", provider.name() + " cannot serve "
                + spec.name() + ": " + unsupported, Map.of(), 0));
        } else {
            runAll(sut, options, results);
        }
        final GateReport report = new GateReport(store, spec.name(), level.name(), seed, startedAt,
            (System.nanoTime() - started) / 1_000_000, runDir.toString(), results);
        report.write(runDir);
        if (!options.keepData()) {
            // Crash points clean up after themselves when they pass; a failing one keeps its directory for the
            // reproducer that names it.
            ChildJvm.deleteRecursively(runDir.resolve("data"));
        }
        return report;
    }

    private static void runAll(final StoreUnderTest sut, final GateOptions options, final List<CheckResult> out)
        throws IOException, InterruptedException {
        if (options.selects(StaticAuditCheck.NAME) && add(out, BuiltInChecks.runGuarded(new StaticAuditCheck(), sut),
            options)) {
            return;
        }
        final List<String> inProcess = BuiltInChecks.inProcessNames().stream().filter(options::selects).toList();
        if (!inProcess.isEmpty()) {
            final List<CheckResult> results = options.isolated() ? runIsolated(sut, inProcess, options.failFast())
                : runHere(sut, inProcess, options.failFast());
            for (final CheckResult r : results) {
                if (add(out, r, options)) {
                    return;
                }
            }
        }
        final List<Probe> children = new ArrayList<>(CrashRecoveryCheck.all());
        children.add(new MemoryBudgetCheck());
        children.add(new LogWrapProbe());
        children.addAll(options.extraProbes());
        for (final Probe p : children) {
            if (options.selects(p.name()) || options.extraProbes().contains(p)) {
                if (add(out, BuiltInChecks.runGuarded(p, sut), options)) {
                    return;
                }
            }
        }
    }

    /** Adds a result; true when the run should stop (fail-fast and a failure). */
    private static boolean add(final List<CheckResult> out, final CheckResult r, final GateOptions options) {
        out.add(r);
        return options.failFast() && r.verdict() == Verdict.FAIL;
    }

    private static List<CheckResult> runHere(final StoreUnderTest sut, final List<String> names,
                                             final boolean failFast) {
        final List<CheckResult> results = new ArrayList<>();
        for (final String name : names) {
            final CheckResult r = BuiltInChecks.runGuarded(BuiltInChecks.inProcess(name), sut);
            results.add(r);
            if (failFast && r.verdict() == Verdict.FAIL) {
                break;
            }
        }
        return results;
    }

    /**
     * Runs the named checks in one child JVM ({@link GateChild} mode {@code checks}). A check whose result never came
     * back was running when the process ended: it fails, naming the exit status (the store exited, halted or crashed
     * the JVM); the ones after it are undecided.
     */
    private static List<CheckResult> runIsolated(final StoreUnderTest sut, final List<String> names,
                                                 final boolean failFast) throws IOException, InterruptedException {
        final Path logs = sut.runDir().resolve("logs");
        final Path resultsFile = logs.resolve("checks.jsonl");
        Files.createDirectories(logs);
        Files.deleteIfExists(resultsFile);
        final Map<String, CheckResult> byName = new HashMap<>();
        final int status;
        final List<String> begun = new ArrayList<>();
        final String stderrTail;
        try (ChildProcess child = ChildProcess.startFor(sut, "checks", logs.resolve("checks.err"),
            List.of(ChildArgs.of("checks", String.join(",", names)), ChildArgs.of("results", resultsFile),
                ChildArgs.of("failFast", failFast)))) {
            status = child.waitFor(isolatedLimit(sut.level()));
            child.transcript().stream().filter(l -> l.startsWith(GateChild.BEGIN + " "))
                .forEach(l -> begun.add(l.substring(GateChild.BEGIN.length() + 1)));
            stderrTail = child.stderrTail(30);
        }
        if (Files.exists(resultsFile)) {
            final ObjectMapper json = new ObjectMapper();
            for (final String line : Files.readAllLines(resultsFile)) {
                final CheckResult r = json.readValue(line, CheckResult.class);
                byName.put(r.check(), r);
            }
        }
        final List<CheckResult> results = new ArrayList<>();
        boolean ended = false;
        for (final String name : names) {
            final CheckResult r = byName.get(name);
            if (r != null) {
                results.add(r);
                if (failFast && r.verdict() == Verdict.FAIL) {
                    break;
                }
            } else if (!ended && begun.contains(name)) {
                ended = true;
                final String why = status == -1 ? "overran its time limit and was killed"
                    : "ended with exit status " + status;
                final String file = sut.saveReproducer(name, "the store's process " + why + " during " + name
                    + "; rerun the check with the same seed.\nstderr:\n" + stderrTail);
                results.add(CheckResult.fail(name, "the store's process " + why + " during this check (the store "
                    + "exited, halted or crashed the JVM)", Map.of("exit_status", status), file, 0));
            } else {
                results.add(CheckResult.undecided(name, ended ? "not run: the store's process ended earlier"
                    : "not run: the check process ended with status " + status + " before it began", Map.of(), 0));
            }
        }
        return results;
    }

    private static Duration isolatedLimit(final GateLevel level) {
        return level.readAfterWrite().plus(level.tornReads()).plus(level.checkpointProbe()).multipliedBy(2)
            .plusMinutes(level.maxKeys() > 1_000_000 ? 60 : 10);
    }

    /**
     * The spec the gate runs: the card's, with at most the level's keys (20 000 when the card has no count, as a
     * trace card may not), between 2 and 8 threads, no trace (the gate writes its own keys and values) and the run
     * directory's data folder as storage. Sizes a trace would have supplied are the ones it was observed to hold
     * (the {@link Workbench} still writes the card's whole bounds on a few keys), or, for a card not checked against
     * its trace, uniform over its bounds: the gate's own keys and values need a distribution to draw from.
     */
    public static Spec gateSpec(final Spec spec, final GateLevel level, final Path dataRoot) {
        final Workload w = spec.workload();
        final long cardKeys = w.keyCount() > 0 ? w.keyCount() : 20_000;
        final KeyFormat keys = w.keyFormat() instanceof KeyFormat.Variable v
            ? new KeyFormat.Variable(withoutTrace(v.sizes())) : w.keyFormat();
        final Workload gateWorkload = new Workload(Math.min(cardKeys, level.maxKeys()), keys,
            withoutTrace(w.valueSizes()), w.mix(), w.distribution(), w.temporal(), w.load(), w.run(), null);
        final int threads = Math.clamp(spec.environment().threads(), MIN_THREADS, MAX_THREADS);
        return new Spec(spec.name(), spec.source(), spec.environment().withThreads(threads).withStorageDir(dataRoot),
            gateWorkload, spec.requirements());
    }

    /**
     * A trace card's sizes as the gate draws them: what the trace was observed to hold, or, for a card not checked
     * against its trace, its bounds uniformly.
     */
    private static SizeDistribution withoutTrace(final SizeDistribution sizes) {
        return sizes instanceof SizeDistribution.FromTrace t && t.observed().isEmpty()
            ? new SizeDistribution.Uniform(t.min(), t.max()) : sizes;
    }
}
