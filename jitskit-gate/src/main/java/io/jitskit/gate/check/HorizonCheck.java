package io.jitskit.gate.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Verdict;
import io.jitskit.gate.child.ChildArgs;
import io.jitskit.gate.child.ChildProcess;
import io.jitskit.harness.driver.Driver;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.driver.PhaseResult;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.harness.driver.WorkloadPlan;
import io.jitskit.harness.freshness.FreshnessLedger;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The gate at the benchmark's horizon: read-after-write, torn reads and retention once more, on a store that has
 * already lived and worked at least as long as a benchmark made it (paper section 7: a cap hit after the horizon, a
 * ring that overwrites, a write dropped "extremely rarely"). Every other check runs on a young store.
 *
 * <p>The store is opened with the card itself (its key count and budget, not the gate's scaled copy) and aged on the
 * card's own stream, loaded and then run, for at least the {@link Horizon}'s time and operations, with every timed
 * run's freshness checks on ({@link FreshnessLedger}); then the sample of keys is read back, and the three checks run
 * on that same store under the same hidden seed. Their keys are the card's first ids, so they overwrite keys the
 * store already holds rather than adding to it. In a child JVM held to the budget, like every check that runs the
 * store, unless the gate runs in process.
 */
public final class HorizonCheck implements Probe {

    public static final String NAME = "horizon";

    /** Most time spent reaching the horizon's operations when the store runs slower here than in the benchmark. */
    private static final int OVERTIME = 4;
    /** Longest single run phase while aging: progress stays visible, and a failure names its time. */
    private static final Duration SLICE = Duration.ofSeconds(5);

    /**
     * How long a store lived in a benchmark, margin included.
     *
     * @param lived      wall time from open to close
     * @param operations operations it served, load included
     */
    public record Horizon(Duration lived, long operations) {

        /** Margin over what the benchmark showed: a fault one second past the horizon is still within reach. */
        public static Horizon beyond(final Duration lived, final long operations) {
            return new Horizon(lived.multipliedBy(5).dividedBy(4).plusSeconds(2), operations + operations / 4);
        }
    }

    private final Spec card;
    private final Horizon horizon;
    private final boolean isolated;

    /**
     * @param card     the card itself (a trace card resolved), not the gate's scaled copy
     * @param isolated run the store in a child JVM (the gate's default)
     */
    public HorizonCheck(final Spec card, final Horizon horizon, final boolean isolated) {
        this.card = card;
        this.horizon = horizon;
        this.isolated = isolated;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        return isolated ? inChild(sut) : age(sut, card, horizon);
    }

    private CheckResult inChild(final StoreUnderTest sut) throws Exception {
        final Path cardFile = sut.runDir().resolve("horizon-card.yaml");
        SpecWriter.write(card, cardFile);
        final Path results = sut.runDir().resolve("logs").resolve("horizon.json");
        Files.createDirectories(results.getParent());
        Files.deleteIfExists(results);
        final int status;
        final String tail;
        try (ChildProcess child = ChildProcess.startFor(sut, "horizon", sut.runDir().resolve("logs/horizon.err"),
            List.of(ChildArgs.of("card", cardFile), ChildArgs.of("livedMs", horizon.lived().toMillis()),
                ChildArgs.of("ops", horizon.operations()), ChildArgs.of("results", results)))) {
            status = child.waitFor(horizon.lived().multipliedBy(OVERTIME + 2).plusMinutes(10));
            tail = child.stderrTail(30);
        }
        if (Files.exists(results)) {
            return new ObjectMapper().readValue(Files.readString(results), CheckResult.class);
        }
        final String why = status == -1 ? "overran its time limit and was killed" : "ended with exit status " + status;
        final Trial trial = new Trial(NAME, sut);
        return trial.fail("the store's process " + why + " while it aged to the benchmark's horizon",
            "the horizon child " + why + "; rerun with the same seed.\nstderr:\n" + tail);
    }

    /** Ages the store to the horizon and runs the checks on it; in the JVM that calls it. */
    public static CheckResult age(final StoreUnderTest sut, final Spec card, final Horizon horizon) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final long seed = sut.workbench().seed();
        final int threads = sut.spec().environment().threads();
        final Path dir = sut.newDataDir(NAME);
        final Spec here = card.withEnvironment(card.environment().withStorageDir(dir).withThreads(threads));
        trial.figure("horizon_ms", horizon.lived().toMillis()).figure("horizon_operations", horizon.operations());
        final String repro = String.format(Locale.ROOT, "seed %d; the card's own stream (%d keys, %d threads): load, "
            + "then run until %d ms and %d operations since open; then read the sample back and run %s, %s and %s on "
            + "that store", seed, card.workload().keyCount(), threads, horizon.lived().toMillis(),
            horizon.operations(), RetentionCheck.NAME, ReadAfterWriteCheck.NAME, TornReadCheck.NAME);
        final long opened = System.nanoTime();
        final StoreContext context = new StoreContext(here, dir);
        final Store[] open = {sut.provider().open(context)};
        try (WorkloadPlan plan = WorkloadPlan.of(here, seed)) {
            final Store store = open[0];
            final Driver driver = new Driver(plan, DriverOptions.defaults(threads, seed).withWarmUp(false)
                .withRunDuration(SLICE), ProgressListener.NONE);
            long ops = 0;
            long checked = 0;
            final PhaseResult load = driver.load(store);
            ops += load.operations();
            String failure = load.failure();
            final long deadline = opened + horizon.lived().toNanos() * OVERTIME;
            while (failure == null && (System.nanoTime() - opened < horizon.lived().toNanos()
                || ops < horizon.operations()) && System.nanoTime() < deadline) {
                final PhaseResult run = driver.run(store);
                ops += run.operations();
                checked += driver.lastPhaseCheckedReads();
                failure = run.failure();
                if (run.operations() == 0) {
                    break; // a trace replayed once has run dry
                }
            }
            final double lived = (System.nanoTime() - opened) / 1e9;
            trial.figure("lived_s", Math.round(lived * 10) / 10.0).figure("operations", ops)
                .figure("checked_reads", checked);
            if (failure != null) {
                return trial.fail(String.format(Locale.ROOT, "while aging on the card's stream (%.1f s, %,d "
                    + "operations since open): %s", lived, ops, failure), repro + "\nfirst failure: " + failure);
            }
            final FreshnessLedger.Retention kept = driver.verifyRetention(store);
            if (kept != null && !kept.ok()) {
                return trial.fail(String.format(Locale.ROOT, "after %.1f s and %,d operations: %s", lived, ops,
                    kept.failure()), repro + "\n" + kept.failure());
            }
            boolean reopened = false;
            if (card.requirements().durability().isDurable()) {
                // Before the gate's checks overwrite keys the ledger knows.
                final FreshnessLedger.Retention recovered = driver.verifyRetentionAfterReopen(open,
                    sut.provider(), context);
                reopened = true;
                if (recovered != null && !recovered.ok()) {
                    return trial.fail(String.format(Locale.ROOT, "after %.1f s and %,d operations, a checkpoint, a "
                        + "close and a reopen: %s", lived, ops, recovered.failure()), repro + "\n"
                        + recovered.failure());
                }
            }
            trial.figure("reopened", reopened);
            final StoreUnderTest aged = sut.onOpenStore(open[0]);
            for (final Probe check : List.of(RetentionCheck.retention(), new ReadAfterWriteCheck(),
                new TornReadCheck())) {
                final CheckResult r = BuiltInChecks.runGuarded(check, aged);
                if (r.verdict() == Verdict.FAIL) {
                    return trial.fail(String.format(Locale.ROOT, "%s on a store %.1f s and %,d operations old: %s",
                        check.name(), lived, ops, r.summary()), repro + "\n" + check.name() + " failed; its "
                        + "reproducer: " + r.reproducer());
                }
            }
            return trial.pass(String.format(Locale.ROOT, "aged %.1f s and %,d operations on the card's stream "
                + "(%,d sampled reads checked)%s, then %s, %s and %s passed on it", lived, ops, checked,
                reopened ? ", the sample read back before and after a checkpoint and reopen" : "",
                RetentionCheck.NAME, ReadAfterWriteCheck.NAME, TornReadCheck.NAME));
        } finally {
            if (open[0] != null) {
                open[0].close();
            }
        }
    }
}
