package io.jitskit.cli;

import io.jitskit.api.MetricNames;
import io.jitskit.api.StoreLoadException;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.StoreLocator;
import io.jitskit.gate.check.ReclamationSoak;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.ResultWriter;
import io.jitskit.report.html.ReportWriter;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A long run on demand: {@code jitskit bench} for N times the card's run length, with every check of a timed run on
 * (freshness of every sampled read, retention at the end and after a reopen where the card is durable), then one line
 * on how long the store was exercised. A soak is not a test: it is as long as it says. A soak of a synthesis run's
 * {@code best/store.jar} is written into that run ({@code soak/}) and shown in its report.
 *
 * <p>With {@code --reclaim} the soak is the gate's reclamation soak instead ({@link ReclamationSoak}): the card's
 * whole key count loaded, then N memory budgets of values written over it with deletes mixed in, the data directory
 * held to a multiple of the live data and the process to the budget throughout, every key read back at the end.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Run a store for N times the card's run length with every freshness and retention check on, and "
        + "report how long it was exercised; with --reclaim, write N memory budgets over the card's keys with "
        + "deletes mixed in and hold disk and memory to their bounds.")
final class SoakCommand implements Callable<Integer> {

    @Option(names = "--reclaim", description = "The reclamation soak: write B (--budgets) memory budgets of values "
        + "over the card's keys, one write in 8 a delete, with disk use held to "
        + "4 x the live data + 64 MiB and memory to the budget; every key read back at the end.")
    boolean reclaim;

    @Option(names = "--seed", paramLabel = "N", description = "With --reclaim: the hidden seed (default: fresh).")
    Long seed;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec card file.")
    Path specFile;

    @Option(names = "--store", required = true, paramLabel = "NAME|JAR",
        description = "A store name (see 'jitskit stores') or a store jar (a synthesis run's best/store.jar).")
    String store;

    @Option(names = "--times", paramLabel = "N",
        description = "Run for N times the card's run length (default: 10).")
    Integer times;

    @Option(names = "--budgets", paramLabel = "B", description = "With --reclaim: write B memory budgets of values "
        + "(default: 10).")
    Double budgets;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the spec's).")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: runs/soak-...).")
    Path out;

    @Override
    public Integer call() throws Exception {
        final Spec spec = Jitskit.specOrReport("soak", specFile);
        if (spec == null) {
            return Jitskit.EXIT_USAGE;
        }
        if (reclaim) {
            if (times != null) {
                System.err.println("jitskit soak: --times is the timed soak's; give the reclamation soak's volume as "
                    + "--budgets B");
                return Jitskit.EXIT_USAGE;
            }
            return reclaim(spec);
        }
        if (budgets != null) {
            System.err.println("jitskit soak: --budgets is the reclamation soak's; add --reclaim, or give --times N");
            return Jitskit.EXIT_USAGE;
        }
        final int times = this.times == null ? 10 : this.times;
        if (times < 1) {
            System.err.println("jitskit soak: --times " + times + ": give at least 1");
            return Jitskit.EXIT_USAGE;
        }
        final Duration run = spec.workload().run().isTimed() ? spec.workload().run().duration() : null;
        if (run == null) {
            System.err.println("jitskit soak: " + specFile + ": workload.run counts operations, and a soak is timed; "
                + "give the card a run: {duration: ...}");
            return Jitskit.EXIT_USAGE;
        }
        final Duration total = run.multipliedBy(times);
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final Path synthesis = synthesisRunOf(store);
        final Path runDir = out != null ? out : synthesis != null
            ? synthesis.resolve(ReportWriter.SOAKS).resolve(spec.name() + "-" + stamp)
            : Path.of("runs", "soak-" + spec.name() + "-" + stamp);
        final List<String> args = new ArrayList<>(List.of("--spec", specFile.toString(), "--store", store,
            "--duration", Double.toString(total.toMillis() / 1000.0), "--out", runDir.toString()));
        if (threads > 0) {
            args.addAll(List.of("--threads", Integer.toString(threads)));
        }
        final int status = new CommandLine(new BenchCommand()).execute(args.toArray(String[]::new));
        final Path resultFile = runDir.resolve("result.json");
        if (!Files.exists(resultFile)) {
            return status;
        }
        final BenchResult r = ResultWriter.readJson(resultFile);
        final String line = describe(r, run);
        Files.writeString(runDir.resolve(ReportWriter.SOAK_LINE), line + "\n");
        System.out.println(line);
        if (synthesis != null && runDir.startsWith(synthesis)) {
            System.out.println("report: " + ReportWriter.writeSynthesis(synthesis));
        }
        return status;
    }

    /**
     * The reclamation soak at the card's whole key count (the gate at {@code full}): one line, and the gate report in
     * the run directory; exit 0 when the store passes, 1 otherwise (an undecided soak did not pass).
     */
    private int reclaim(final Spec spec) throws Exception {
        final String storeName;
        try {
            storeName = StoreLocator.locate(store).name();
        } catch (final IllegalArgumentException | StoreLoadException e) {
            System.err.println("jitskit soak: --store: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        if (threads > 0) {
            System.err.println("jitskit soak: --threads: the reclamation soak runs the card's threads; leave it out");
            return Jitskit.EXIT_USAGE;
        }
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final Path synthesis = synthesisRunOf(store);
        final Path runDir = out != null ? out : synthesis != null
            ? synthesis.resolve(ReportWriter.SOAKS).resolve("reclaim-" + spec.name() + "-" + stamp)
            : Path.of("runs", "soak-reclaim-" + spec.name() + "-" + storeName + "-" + stamp);
        final double volume = budgets == null ? ReclamationSoak.DEFAULT_VOLUME_MULTIPLE : budgets;
        if (!(volume > 0)) {
            System.err.println("jitskit soak: --budgets " + budgets + ": give a positive number of memory budgets");
            return Jitskit.EXIT_USAGE;
        }
        GateOptions options = GateOptions.defaults().withOnly(ReclamationSoak.NAME)
            .withProbes(List.of(new ReclamationSoak(volume, RECLAIM_LIMIT)));
        if (seed != null) {
            options = options.withSeed(seed);
        }
        final GateReport report = GateRunner.run(spec, store, GateLevel.FULL, runDir, options);
        final CheckResult r = report.check(ReclamationSoak.NAME).orElse(null);
        final String line = "soak --reclaim: " + storeName + " on " + spec.name() + ": "
            + (r == null ? report.toText().strip() : r.line());
        Files.writeString(runDir.resolve(ReportWriter.SOAK_LINE), line + "\n");
        System.out.println(line);
        System.out.println("report in " + runDir.resolve("gate-report.txt"));
        return report.passed() ? 0 : Jitskit.EXIT_FAILED;
    }

    /** The longest the reclamation soak's store may take before it counts as hung. */
    private static final Duration RECLAIM_LIMIT = Duration.ofHours(3);

    /** The synthesis run whose best store {@code store} names ({@code RUN/best/store.jar}), or null. */
    static Path synthesisRunOf(final String store) {
        final Path jar = Path.of(store).toAbsolutePath().normalize();
        final Path best = jar.getParent();
        if (best == null || !best.getFileName().toString().equals("best") || best.getParent() == null) {
            return null;
        }
        return Files.isRegularFile(best.getParent().resolve(TrajectoryIo.FILE_NAME)) ? best.getParent() : null;
    }

    /** One line: how long and how hard the store was exercised, and what was checked. */
    static String describe(final BenchResult r, final Duration cardRun) {
        final double load = r.load() == null ? 0 : r.load().elapsedNanos() / 1e9;
        final double warm = r.indicators().getOrDefault(MetricNames.HARNESS_WARMUP_MS, 0.0) / 1e3;
        final double ran = r.run() == null ? 0 : r.run().elapsedNanos() / 1e9;
        final long ops = r.lifetimeOperations();
        final double reopen = r.indicators().getOrDefault(MetricNames.FRESHNESS_REOPEN_KEYS, 0.0);
        return String.format(Locale.ROOT, "soak: %s on %s: %s; the store was exercised %.1f s (load %.1f s, "
                + "warm-up %.1f s, run %.1f s = %.1f x the card's %d-s run), %,d operations; %,.0f sampled reads "
                + "checked for freshness; %,.0f sampled keys read back at the end%s",
            r.store().name(), r.spec(), "ok".equals(r.verdict()) ? "ok" : r.verdict() + ": " + r.failure(),
            r.lifetimeNanos() / 1e9, load, warm, ran, ran / cardRun.toMillis() * 1000, cardRun.toSeconds(), ops,
            r.indicators().getOrDefault(MetricNames.FRESHNESS_CHECKED_READS, 0.0),
            r.indicators().getOrDefault(MetricNames.FRESHNESS_RETENTION_KEYS, 0.0),
            reopen > 0 ? String.format(Locale.ROOT, " and %,.0f again after a checkpoint and reopen", reopen) : "");
    }
}
