package io.jitskit.cli;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.bench.BenchRequest;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.harness.bench.ResultWriter;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.fork.ForkedBench;
import io.jitskit.harness.stats.Spread;
import io.jitskit.report.compare.ForkedRunExecutor;
import io.jitskit.report.compare.StoreVariant;
import io.jitskit.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jitskit bench}: one store, one spec, measured. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmark a store on a spec: load, run, verify every read, report throughput, latency,",
        "memory against the budget and leading indicators. The store runs in a child JVM unless --in-process."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec card file.")
    Path specFile;

    @Option(names = "--store", required = true, paramLabel = "NAME|JAR",
        description = "A store name (see 'jitskit stores') or the path of a store jar, as 'jitskit compare' takes "
            + "it: optionally with [knob=value,...], and NAME@none runs the store on a copy of the card with "
            + "durability none (written to the run directory's cards/), e.g. chm@none.")
    String store;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the spec's).")
    int threads;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Run-phase length (default: the spec's).")
    Double durationSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "The hidden seed (default: a fresh random one).")
    Long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result JSON here.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Run directory (default: runs/bench-<spec>-<store>-<time>).")
    Path out;

    @Option(names = "--in-process", description = "Run the store in this JVM (no budget enforcement).")
    boolean inProcess;

    @Option(names = "--keep-data", description = "Keep the store's data directory after the run.")
    boolean keepData;

    @Option(names = "--deadline", paramLabel = "SECONDS", defaultValue = "0",
        description = "Kill a child still running this long after start (default: 3x the planned run + 5 min).")
    long deadlineSeconds;

    @Option(names = "--keep-going",
        description = "Count bad reads and lost keys instead of stopping at the first, to see how many there are; "
            + "the verdict is still 'failed'. (noop needs no flag: a store that keeps nothing by design has its "
            + "misses counted, not failed, so its run measures the harness itself.)")
    boolean keepGoing;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Extra JVM option for the child (repeatable).")
    List<String> jvmArgs = List.of();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
        description = "Run N times, each on a fresh seed (run-1/ .. run-N/ under the run directory), and report the "
            + "median, min..max, the 95%% interval and max/min of the runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        final Spec spec = Jitskit.specOrReport("bench", specFile);
        if (spec == null) {
            return Jitskit.EXIT_USAGE;
        }
        final StoreVariant variant;
        final StoreProvider provider;
        try {
            variant = StoreVariant.parse(store);
            provider = StoreFactory.find(variant.store());
        } catch (final IllegalArgumentException | StoreLoadException e) {
            System.err.println("jitskit bench: --store " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        if (inProcess && !variant.knobs().isEmpty()) {
            System.err.println("jitskit bench: --store " + store + ": knobs reach a store as properties of its child "
                + "JVM; drop --in-process, or the knobs");
            return Jitskit.EXIT_USAGE;
        }
        if (repeat < 1) {
            System.err.println("jitskit bench: --repeat " + repeat + ": give at least 1");
            return Jitskit.EXIT_USAGE;
        }
        if (repeat > 1 && seed != null) {
            System.err.println("jitskit bench: --repeat runs each on a fresh seed; drop --seed, or drop --repeat to "
                + "reproduce one run");
            return Jitskit.EXIT_USAGE;
        }
        final String level = variant.durability() == null ? ""
            : "@" + variant.durability().name().toLowerCase(Locale.ROOT);
        final Path runDir = out != null ? out : Path.of("runs", "bench-" + spec.name() + "-" + provider.name()
            + level + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir);
        final Spec card = variant.card(spec);
        final Path cardFile = card == spec ? specFile
            : ForkedRunExecutor.writeCard(runDir, spec, card, variant.durability());
        if (card != spec) {
            System.err.println("jitskit bench: " + variant.label() + " runs on " + cardFile + ", a copy of the card "
                + "with durability " + level.substring(1) + " instead of "
                + spec.requirements().durability().level().name().toLowerCase(Locale.ROOT));
        }
        if (repeat == 1) {
            final BenchResult result = runOnce(variant, provider, card, cardFile,
                seed != null ? seed : new SecureRandom().nextLong(), runDir, spec.name() + " on " + provider.name());
            System.out.print(ResultWriter.summary(result));
            if (provider.keepsNothing() && result.run() != null) {
                System.out.printf(Locale.ROOT, "%s keeps nothing by design: its %d reads found no value and were "
                    + "counted, not failed; the throughput is the harness's own ceiling, not a store's%n",
                    provider.name(), result.run().readMisses());
            }
            System.out.println("results in " + runDir);
            return exitCode(result);
        }
        final SecureRandom seeds = new SecureRandom();
        final List<Double> mops = new java.util.ArrayList<>();
        BenchResult worst = null;
        for (int i = 1; i <= repeat; i++) {
            final BenchResult r = runOnce(variant, provider, card, cardFile, seeds.nextLong(),
                runDir.resolve("run-" + i), spec.name() + " on " + provider.name() + " (run " + i + " of " + repeat
                    + ")");
            System.out.println(String.format(Locale.ROOT, "run %d of %d: %s", i, repeat, r.ok()
                ? String.format(Locale.ROOT, "%.3f Mops/s", r.mops()) : r.verdict() + ": " + r.failure()));
            if (r.ok()) {
                mops.add(r.mops());
            } else if (worst == null || "skipped".equals(worst.verdict())) {
                worst = r; // the first failure decides the exit code; a failure outranks a skip
            }
        }
        if (!mops.isEmpty()) {
            final Spread s = Spread.of(mops.stream().mapToDouble(Double::doubleValue).toArray());
            final String line = String.format(Locale.ROOT, "%s on %s, %d runs: median %.3f Mops/s, "
                    + "min..max %.3f..%.3f (max/min %.1f%%)%s%n", spec.name(), variant.label(), s.runs(), s.median(),
                s.min(), s.max(), 100 * s.maxOverMin(), s.hasInterval()
                    ? String.format(Locale.ROOT, ", 95%% interval %.3f..%.3f", s.low(), s.high()) : "");
            Files.writeString(runDir.resolve("repeat.txt"), line);
            System.out.print(line);
        }
        System.out.println("results in " + runDir);
        return worst == null ? 0 : exitCode(worst);
    }

    private static int exitCode(final BenchResult result) {
        return switch (result.verdict()) {
            case "ok" -> 0;
            case "skipped" -> 0;
            default -> Jitskit.EXIT_FAILED;
        };
    }

    /** One run of {@code card} on {@code runSeed}, its files written to {@code runDir}. */
    private BenchResult runOnce(final StoreVariant variant, final StoreProvider provider, final Spec card,
                                final Path cardFile, final long runSeed, final Path runDir, final String title)
        throws Exception {
        final int n = threads > 0 ? threads : card.environment().threads();
        final Duration duration = durationSeconds == null ? null : Duration.ofMillis((long) (durationSeconds * 1000));
        Files.createDirectories(runDir);
        final Progress progress = new Progress(title);
        final BenchResult result;
        if (inProcess) {
            DriverOptions options = DriverOptions.defaults(n, runSeed).withStopOnFailure(!keepGoing)
                .withStoreKeepsNothing(provider.keepsNothing());
            if (duration != null) {
                options = options.withRunDuration(duration);
            }
            final Path dataDir = runDir.resolve("data");
            Files.createDirectories(dataDir);
            result = InProcessBench.run(card, cardFile, provider, options, dataDir, progress);
            if (!keepData) {
                io.jitskit.harness.fork.ChildJvm.deleteRecursively(dataDir);
            }
        } else {
            final Duration planned = duration != null ? duration
                : card.workload().run().isTimed() ? card.workload().run().duration() : Duration.ofMinutes(10);
            final Duration deadline = deadlineSeconds > 0 ? Duration.ofSeconds(deadlineSeconds)
                : planned.multipliedBy(3).plusMinutes(5);
            final List<String> childArgs = new java.util.ArrayList<>(jvmArgs);
            childArgs.addAll(variant.jvmArgs());
            if (keepGoing) {
                childArgs.add("-D" + io.jitskit.harness.fork.ChildMain.KEEP_GOING_PROPERTY + "=true");
            }
            if (provider.keepsNothing()) {
                childArgs.add("-D" + io.jitskit.harness.fork.ChildMain.HARNESS_CEILING_PROPERTY + "=true");
            }
            result = ForkedBench.run(new BenchRequest(cardFile, variant.store(), n, duration, runSeed, runDir,
                keepData, childArgs, deadline), card, runSeed, progress);
        }
        progress.done();
        ResultWriter.writeJson(result, runDir.resolve("result.json"));
        ResultWriter.writeCsv(result, runDir.resolve("per-second.csv"));
        Files.writeString(runDir.resolve("summary.txt"), ResultWriter.summary(result));
        if (json != null) {
            ResultWriter.writeJson(result, json);
        }
        return result;
    }
}
