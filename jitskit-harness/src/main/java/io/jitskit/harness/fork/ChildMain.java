package io.jitskit.harness.fork;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.harness.bench.ResultWriter;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.driver.WorkloadPlan;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Entry point of the child JVM. Arguments: {@code spec store threads durationMillis seed dataDir resultFile}
 * ({@code durationMillis} 0 keeps the spec's run phase).
 */
public final class ChildMain {

    /** System property: count bad reads instead of stopping at the first (see DriverOptions.stopOnFailure). */
    public static final String KEEP_GOING_PROPERTY = "jitskit.bench.keepGoing";
    /**
     * System property: honour the store's {@link StoreProvider#keepsNothing()} (set by {@code jitskit bench} only, so
     * that comparisons still fail a store that holds no data).
     */
    public static final String HARNESS_CEILING_PROPERTY = "jitskit.bench.harnessCeiling";

    /**
     * System property: {@code false} skips the warm-up to steady state (see Driver.warmUp), to measure what it
     * removes: {@code jitskit compare --jvm-arg -Djitskit.bench.warmUp=false ...}.
     */
    public static final String WARM_UP_PROPERTY = "jitskit.bench.warmUp";

    /**
     * System property: {@code false} turns off the freshness checks (FreshnessLedger), only to measure what they
     * cost: {@code jitskit compare --jvm-arg -Djitskit.bench.freshness=false ...}.
     */
    public static final String FRESHNESS_PROPERTY = "jitskit.bench.freshness";

    /** Prefix of progress records on stdout. */
    static final String TICK = "@tick ";

    private ChildMain() {
    }

    public static void main(final String[] args) {
        try {
            System.exit(run(args));
        } catch (final Throwable t) {
            System.err.println("jitskit child: " + t);
            t.printStackTrace();
            System.exit(EXIT_ERROR);
        }
    }

    /** Exit code of a child that threw; distinct from a failed verdict (1) and out of memory (3). */
    static final int EXIT_ERROR = 4;

    private static int run(final String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ChildMain spec store threads durationMillis seed dataDir resultFile");
            return 2;
        }
        final Path specFile = Path.of(args[0]);
        // The same card the parent ran on: a trace card's key count comes from its trace.
        final Spec spec = WorkloadPlan.resolveTrace(SpecParser.parse(specFile));
        final StoreProvider provider = StoreFactory.find(args[1]);
        final int threads = Integer.parseInt(args[2]);
        final long durationMillis = Long.parseLong(args[3]);
        final long seed = Long.parseLong(args[4]);
        final Path dataDir = Path.of(args[5]);
        final Path resultFile = Path.of(args[6]);
        DriverOptions options = DriverOptions.defaults(threads, seed)
            .withStopOnFailure(!Boolean.getBoolean(KEEP_GOING_PROPERTY))
            .withWarmUp(!"false".equals(System.getProperty(WARM_UP_PROPERTY)))
            .withFreshness(!"false".equals(System.getProperty(FRESHNESS_PROPERTY)))
            .withStoreKeepsNothing(Boolean.getBoolean(HARNESS_CEILING_PROPERTY) && provider.keepsNothing());
        if (durationMillis > 0) {
            options = options.withRunDuration(Duration.ofMillis(durationMillis));
        }
        final PrintStream out = System.out;
        final BenchResult result = InProcessBench.run(spec, specFile, provider, options, dataDir,
            (phase, elapsed, planned, ops, last) -> {
                out.println(TICK + phase + ' ' + elapsed + ' ' + planned + ' ' + ops + ' ' + last);
                out.flush();
            });
        ResultWriter.writeJson(result, resultFile);
        return result.ok() ? 0 : 1;
    }
}
