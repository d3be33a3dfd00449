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
        final int n = threads > 0 ? threads : spec.environment().threads();
        final long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        final Duration duration = durationSeconds == null ? null : Duration.ofMillis((long) (durationSeconds * 1000));
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
        final Progress progress = new Progress(spec.name() + " on " + provider.name());
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
                : spec.workload().run().isTimed() ? spec.workload().run().duration() : Duration.ofMinutes(10);
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
        System.out.print(ResultWriter.summary(result));
        if (provider.keepsNothing() && result.run() != null) {
            System.out.printf(Locale.ROOT, "%s keeps nothing by design: its %d reads found no value and were counted, "
                + "not failed; the throughput is the harness's own ceiling, not a store's%n", provider.name(),
                result.run().readMisses());
        }
        System.out.println("results in " + runDir);
        return switch (result.verdict()) {
            case "ok" -> 0;
            case "skipped" -> 0;
            default -> Jitskit.EXIT_FAILED;
        };
    }
}
