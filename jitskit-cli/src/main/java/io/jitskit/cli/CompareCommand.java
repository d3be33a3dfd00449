package io.jitskit.cli;

import io.jitskit.api.MetricNames;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.report.compare.CompareIo;
import io.jitskit.report.compare.CompareListener;
import io.jitskit.report.compare.CompareRequest;
import io.jitskit.report.compare.CompareResult;
import io.jitskit.report.compare.CompareTable;
import io.jitskit.report.compare.Comparison;
import io.jitskit.report.compare.RunRecord;
import io.jitskit.report.compare.StoreAggregate;
import io.jitskit.report.compare.StoreVariant;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jitskit compare}: stores side by side on one spec, interleaved, with a table and a chart. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Run stores side by side on a spec, interleaved round-robin (run 1 of each store, then run 2, "
        + "...), each run a fresh child JVM held to the card's budget, every store of a round on the same hidden "
        + "seed. Prints a table (median, min and max Mops/s, p99 latency, peak memory, ratio to the best peer, "
        + "durability) and writes compare.json, compare.txt, compare.svg and compare.png.",
        "A store may carry knob overrides: rocksdb[block_cache_fraction=0.5,bloom_bits=10] (each knob reaches the "
            + "store's JVM as -Djitskit.knob.<name>=<value>). Failed runs are shown as failed, never as numbers."})
final class CompareCommand implements Callable<Integer> {

    /** What {@code --stores peers} stands for: the Java peers, then Redis in its out-of-process category. */
    private static final String PEERS_TEXT = "rocksdb, lmdb, chronicle-map, mvstore, chm, redis";
    static final List<String> PEERS = List.of(PEERS_TEXT.split(", "));

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec card file.")
    Path specFile;

    @Option(names = "--stores", required = true, paramLabel = "A,B,...",
        description = "Stores to compare: names (see 'jitskit stores') or jar paths, each optionally with "
            + "[knob=value,...]; 'peers' stands for every peer: " + PEERS_TEXT + ". NAME@none runs a store on a "
            + "copy of the card with durability none (for a peer that cannot give the card's, e.g. chm@none); "
            + "its row says so. A store listed twice (X,X) is an A/A check: the second is its own row, X#2, and "
            + "the table ends with the pooled spread of the copies.")
    String stores;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs per store (default: 3).")
    int runs;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the spec's).")
    int threads;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Run-phase length (default: the spec's).")
    Double durationSeconds;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Output directory (default: runs/compare-<spec>-<time>).")
    Path out;

    @Option(names = "--sweep", description = "Sweep the knob grids of stores that have one (rocksdb, lmdb) and "
        + "keep each store's best configuration in the table; compare.json lists the whole grid.")
    boolean sweep;

    @Option(names = "--seed", paramLabel = "N",
        description = "Derive the rounds' hidden seeds from N, to reproduce a comparison (default: fresh seeds).")
    Long seed;

    @Option(names = "--executor", paramLabel = "local|slurm[:PARTITION]", defaultValue = "local",
        description = "Where the rounds run: here (local, the default), or as one exclusive job on one node of a "
            + "Slurm cluster (slurm, or slurm:PARTITION); with slurm, --out and the store jars must be on a file "
            + "system the nodes share, and this JDK at the same path there.")
    String executor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--one-seed", description = "Run every round on the same seed: an A/A check (X,X) then shows the "
        + "machine's and the harness's noise without the seed's share (which keys are hot and where they sit).")
    boolean oneSeed;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Extra JVM option for every child (repeatable).")
    List<String> jvmArgs = List.of();

    @Override
    public Integer call() throws Exception {
        final Spec spec = Jitskit.specOrReport("compare", specFile);
        if (spec == null) {
            return Jitskit.EXIT_USAGE;
        }
        final List<StoreVariant> variants;
        try {
            variants = numberCopies(expandPeers(StoreVariant.parseList(stores)));
        } catch (final IllegalArgumentException e) {
            System.err.println("jitskit compare: --stores " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        final Set<String> names = new LinkedHashSet<>();
        variants.forEach(v -> names.add(v.store()));
        for (final String name : names) {
            try {
                StoreFactory.find(name);
            } catch (final StoreLoadException e) {
                System.err.println("jitskit compare: --stores: " + e.getMessage());
                return Jitskit.EXIT_USAGE;
            }
        }
        if (runs < 1) {
            System.err.println("jitskit compare: --runs " + runs + ": give at least 1");
            return Jitskit.EXIT_USAGE;
        }
        final Duration duration = durationSeconds == null ? null : Duration.ofMillis((long) (durationSeconds * 1000));
        final Path dir = out != null ? out : Path.of("runs", "compare-" + spec.name() + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (!executor.equals("local")) {
            if (!executor.equals("slurm") && !executor.startsWith("slurm:")) {
                System.err.println("jitskit compare: --executor '" + executor + "': give local, slurm or "
                    + "slurm:PARTITION");
                return Jitskit.EXIT_USAGE;
            }
            return onSlurm(executor.equals("slurm") ? null : executor.substring("slurm:".length()), dir,
                variants.size(), duration != null ? duration : spec.workload().run().duration());
        }
        final CompareResult result = Comparison.run(new CompareRequest(specFile, variants, runs, threads, duration,
            sweep, dir, jvmArgs, seed, oneSeed), spec, new TerminalListener());
        System.out.print(CompareTable.render(result));
        System.out.println("results in " + dir + " (" + CompareIo.JSON_FILE + ", " + CompareIo.TEXT_FILE + ", "
            + CompareIo.SVG_FILE + ", " + CompareIo.PNG_FILE + "); 'jitskit report " + dir + "' writes report.html");
        final boolean anyFailed = result.stores().stream().anyMatch(s -> StoreAggregate.FAILED.equals(s.status()));
        return anyFailed ? Jitskit.EXIT_FAILED : 0;
    }

    /**
     * The whole comparison as one exclusive job on one node (rounds are interleaved on one machine, never across two):
     * this command line again, {@code --executor} dropped and {@code --out} made absolute, in this JDK with this
     * class path. Its output is followed here; a job the cluster ended (cancelled, node lost, time limit) runs once
     * more.
     */
    private int onSlurm(final String partition, final Path dir, final int stores, final Duration run)
        throws Exception {
        final List<String> args = new ArrayList<>();
        // The whole command line as given, "compare" included.
        final List<String> given = commandSpec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < given.size(); i++) {
            final String a = given.get(i);
            if (a.equals("--executor") || a.equals("--out")) {
                i++;
            } else if (!a.startsWith("--executor=") && !a.startsWith("--out=")) {
                args.add(a);
            }
        }
        args.add("--out");
        args.add(dir.toAbsolutePath().toString());
        final List<String> command = new ArrayList<>();
        command.add(io.jitskit.harness.fork.ChildJvm.javaBinary());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Jitskit.class.getName());
        command.addAll(args);
        // Each run: a JVM start, the load, a warm-up as long as the run, the run; three times that, and 10 minutes.
        final long perRun = (run == null ? 60 : run.toSeconds()) * 2 + 60;
        final Duration timeout = Duration.ofSeconds(perRun * runs * stores * 3).plusMinutes(10);
        final io.jitskit.slurm.SlurmJob.Outcome o = io.jitskit.slurm.SlurmJob.runRetryingOnce(command,
            "jitskit-compare", partition, Path.of("").toAbsolutePath(), dir.toAbsolutePath(), timeout,
            job -> System.out.println("slurm: job " + job.id() + " submitted (output in " + dir.toAbsolutePath()
                + ")"), System.out::println);
        System.out.println("slurm: " + o.describe());
        if (o.completed()) {
            return 0;
        }
        if (o.exitCode() != 0) {
            return o.exitCode();
        }
        System.err.println("jitskit compare: " + o.describe() + (o.clusterFault() ? " twice by the cluster" : "")
            + "; see " + dir.toAbsolutePath().resolve("slurm-jitskit-compare-2.out"));
        return Jitskit.EXIT_FAILED;
    }

    /**
     * A configuration listed again is an A/A check ({@code --stores X,X}): each further listing becomes a copy of its
     * own ({@code X#2}, ...), run and reported as a separate row, with the copies' pooled spread under the table.
     */
    static List<StoreVariant> numberCopies(final List<StoreVariant> variants) {
        final java.util.Map<StoreVariant, Integer> seen = new java.util.HashMap<>();
        final List<StoreVariant> out = new ArrayList<>();
        for (final StoreVariant v : variants) {
            final int earlier = seen.merge(v, 1, Integer::sum) - 1;
            out.add(earlier == 0 ? v : v.asCopy(earlier));
        }
        return out;
    }

    /** The list with each bare {@code peers} replaced by {@link #PEERS}, in order. */
    static List<StoreVariant> expandPeers(final List<StoreVariant> variants) {
        final List<StoreVariant> out = new ArrayList<>();
        for (final StoreVariant v : variants) {
            if ("peers".equals(v.store()) && v.knobs().isEmpty()) {
                PEERS.forEach(p -> out.add(StoreVariant.of(p)));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** One line per run on stderr, with the harness's per-second progress in between. */
    static final class TerminalListener implements CompareListener {

        private Progress progress;

        @Override
        public ProgressListener starting(final StoreVariant variant, final int round, final int rounds,
                                         final int index, final int total) {
            System.err.printf(Locale.ROOT, "[%d/%d] round %d of %d: %s%n", index, total, round, rounds,
                variant.label());
            progress = new Progress(variant.label() + " (round " + round + ")");
            return progress;
        }

        @Override
        public void disturbed(final StoreVariant variant, final int round,
                              final io.jitskit.harness.bench.BenchResult r) {
            if (progress != null) {
                progress.done();
                progress = null;
            }
            System.err.printf(Locale.ROOT, "  %s: %.3f Mops/s while other processes took %.0f%% of the machine; "
                + "running round %d again%n", variant.label(), r.mops(),
                100 * r.indicators().get(MetricNames.MACHINE_OTHERS_CPU_SHARE), round);
        }

        @Override
        public void finished(final RunRecord run) {
            if (progress != null) {
                progress.done();
            }
            final var r = run.result();
            System.err.println("  " + run.variant().label() + ": " + (r.ok()
                ? String.format(Locale.ROOT, "ok, %.3f Mops/s", r.mops())
                : r.verdict() + ": " + r.failure()));
        }
    }
}
