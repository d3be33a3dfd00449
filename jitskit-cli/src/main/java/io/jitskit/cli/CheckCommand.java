package io.jitskit.cli;

import io.jitskit.api.StoreLoadException;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.StoreLocator;
import io.jitskit.gate.check.HorizonCheck;
import io.jitskit.harness.driver.WorkloadPlan;
import io.jitskit.report.compare.StoreVariant;
import io.jitskit.spec.Phase;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jitskit check}: the correctness gate on one store. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Run the correctness gate on a store: static audit, retention, read-after-write, torn reads,",
        "deletes, five SIGKILL crash-recovery tests (half with unsynced writes dropped), memory budget and the",
        "adversarial probes. quick takes at most two minutes; full is the judging level.",
        "Writes gate-report.json, gate-report.txt and one reproducer per failure to the run directory."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec card file.")
    Path specFile;

    @Option(names = "--store", required = true, paramLabel = "NAME|JAR",
        description = "A store name (see 'jitskit stores'), the path of a store jar, or a provider class name; "
            + "NAME@none checks the store on a copy of the card with durability none, as 'jitskit bench' and "
            + "'jitskit compare' run it.")
    String store;

    @Option(names = "--level", defaultValue = "quick", paramLabel = "quick|full",
        description = "quick (tests, every synthesis iteration) or full (judging). Default: ${DEFAULT-VALUE}.")
    String level;

    @Option(names = "--crash-points", paramLabel = "N",
        description = "SIGKILLs per crash-recovery test (default: the level's, 3 quick, 24 full).")
    Integer crashPoints;

    @Option(names = "--only", paramLabel = "CHECK", description = "Run only this check (repeatable).")
    List<String> only = List.of();

    @Option(names = "--horizon", paramLabel = "SECONDS",
        description = "Age a store this long on the card's stream, then run read-after-write, torn reads and retention "
            + "on it again (check 'horizon'; default: as long as a benchmark of the card keeps a store open, warm-up "
            + "included, and a quarter more; 0 skips it).")
    Double horizonSeconds;

    @Option(names = "--fail-fast", description = "Stop at the first failing check.")
    boolean failFast;

    @Option(names = "--seed", paramLabel = "N", description = "The hidden seed (default: a fresh random one).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Run directory (default: runs/check-<spec>-<store>-<time>).")
    Path out;

    @Option(names = "--keep-data", description = "Keep the stores' data directories after the run.")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        final Spec spec = Jitskit.specOrReport("check", specFile);
        if (spec == null) {
            return Jitskit.EXIT_USAGE;
        }
        GateLevel gateLevel;
        try {
            gateLevel = GateLevel.of(level);
        } catch (final IllegalArgumentException e) {
            System.err.println("jitskit check: --level: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        if (crashPoints != null) {
            if (crashPoints < 0) {
                System.err.println("jitskit check: --crash-points " + crashPoints + ": give 0 or more");
                return Jitskit.EXIT_USAGE;
            }
            gateLevel = gateLevel.withCrashPoints(crashPoints);
        }
        final StoreVariant variant;
        final String storeName;
        try {
            variant = StoreVariant.parse(store);
            storeName = StoreLocator.locate(variant.store()).name();
        } catch (final IllegalArgumentException e) {
            System.err.println("jitskit check: --store " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        } catch (final StoreLoadException e) {
            System.err.println("jitskit check: --store: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        if (!variant.knobs().isEmpty()) {
            // The gate starts its own child JVMs per check and passes them no knob properties, so knobs would be
            // silently ignored; a store label must mean what it means in bench and compare, or be refused.
            System.err.println("jitskit check: --store " + store + ": the gate checks a store as built, without "
                + "knobs; give " + variant.store() + (variant.durability() == null ? ""
                : "@" + variant.durability().name().toLowerCase(Locale.ROOT)));
            return Jitskit.EXIT_USAGE;
        }
        final Spec card = variant.card(spec);
        final String level = variant.durability() == null ? ""
            : "@" + variant.durability().name().toLowerCase(Locale.ROOT);
        GateOptions options = GateOptions.defaults();
        if (!only.isEmpty()) {
            options = options.withOnly(only.toArray(String[]::new));
        }
        if (failFast) {
            options = options.failingFast();
        }
        if (keepData) {
            options = options.keepingData();
        }
        if (seed != null) {
            options = options.withSeed(seed);
        }
        if (horizonSeconds != null && horizonSeconds < 0) {
            System.err.println("jitskit check: --horizon " + horizonSeconds + ": give 0 (skip) or more seconds");
            return Jitskit.EXIT_USAGE;
        }
        final HorizonCheck.Horizon horizon = horizon(card, horizonSeconds);
        if (horizon != null && (only.isEmpty() || only.contains(HorizonCheck.NAME))) {
            options = options.withProbes(List.of(new HorizonCheck(WorkloadPlan.resolveTrace(card), horizon, true)));
        }
        final Path runDir = out != null ? out : Path.of("runs", "check-" + spec.name() + "-" + storeName + level
            + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (card != spec) {
            System.err.println("jitskit check: " + variant.label() + " is checked on a copy of the card with "
                + "durability " + level.substring(1) + " instead of "
                + spec.requirements().durability().level().name().toLowerCase(Locale.ROOT));
        }
        final GateReport report = GateRunner.run(card, variant.store(), gateLevel, runDir, options);
        System.out.print(report.toText());
        System.out.println("report in " + runDir.resolve("gate-report.txt"));
        return report.passed() ? 0 : Jitskit.EXIT_FAILED;
    }

    /**
     * The horizon a benchmark of {@code card} reaches: its warm-up (at most as long as the run, 1 to 10 s) and its
     * run, or {@code seconds} when given; null for 0.
     */
    static HorizonCheck.Horizon horizon(final Spec card, final Double seconds) {
        if (seconds != null) {
            return seconds == 0 ? null : new HorizonCheck.Horizon(Duration.ofMillis((long) (seconds * 1000)), 0);
        }
        final Phase run = card.workload().run();
        if (!run.isTimed()) {
            return HorizonCheck.Horizon.beyond(Duration.ZERO, run.operations());
        }
        final Duration warmUp = Duration.ofMillis(Math.clamp(run.duration().toMillis(), 1_000, 10_000));
        return HorizonCheck.Horizon.beyond(run.duration().plus(warmUp), 0);
    }
}
