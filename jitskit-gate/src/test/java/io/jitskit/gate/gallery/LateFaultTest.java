package io.jitskit.gate.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Verdict;
import io.jitskit.gate.check.HorizonCheck;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults that wait: a store correct for its first seconds, operations or fill level, then dropping one acknowledged
 * upsert in 64, fails a timed run that lives past its trigger, and fails the gate at the benchmark's horizon when
 * the benchmark itself ended too early to see it. A fresh seed per run, printed in every assertion message.
 */
class LateFaultTest {

    @TempDir
    Path dir;

    /** The age at which the gallery's time-triggered stores turn faulty. */
    private static final String LATE_AFTER_MS = "jitskit.gallery.lateAfterMs";

    private final long seed = new SecureRandom().nextLong();

    private Spec card(final String run, final boolean load) throws Exception {
        return card(run, load, "none");
    }

    private Spec card(final String run, final boolean load, final String durability) throws Exception {
        final Path file = dir.resolve("late.yaml");
        Files.writeString(file, """
            name: late
            environment:
              memory-budget: 256MiB
              threads: 2
              storage: {dir: %s}
            workload:
              keys: {count: 20000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
              load: %s
              run: %s
            requirements:
              operations: [read, upsert]
              durability: %s
            """.formatted(dir.resolve("storage"), load, run, durability));
        return SpecParser.parse(file);
    }

    static Stream<Arguments> lateFaults() {
        return Stream.of(LateFaultStore.AfterTime.class, LateFaultStore.AfterOperations.class,
                LateFaultStore.AboveFill.class)
            .flatMap(store -> Stream.of("drop", "reorder", "corrupt").map(fault -> Arguments.of(store, fault)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lateFaults")
    void aTimedRunThatLivesPastTheTriggerFailsTheStore(final Class<? extends StoreProvider> store,
                                                       final String fault) throws Exception {
        System.setProperty("jitskit.gallery.lateFault", fault);
        try {
            // Without a load the fill level rises during the run, as an insert-heavy card's does.
            final Spec spec = card("{duration: 4s}", store != LateFaultStore.AboveFill.class);
            final BenchResult r = InProcessBench.run(spec, null, store.getDeclaredConstructor().newInstance(),
                DriverOptions.defaults(2, seed), dir.resolve("data"), ProgressListener.NONE);
            assertEquals("failed", r.verdict(), store.getSimpleName() + " " + fault + ", seed " + seed);
            assertTrue(r.failure().contains("stale read") || r.failure().contains("absent")
                || r.failure().contains("fail verification") || r.failure().startsWith("retention"),
                "seed " + seed + ": " + r.failure());
            System.out.println(store.getSimpleName() + " " + fault + ": " + r.failure());
        } finally {
            System.clearProperty("jitskit.gallery.lateFault");
        }
    }

    @Test
    void aFaultPastTheBenchmarksEndIsCaughtByTheGateAtTheHorizon() throws Exception {
        final Spec spec = card("{duration: 300ms}", true);
        final BenchResult bench = young(spec, new LateFaultStore.AfterTime());
        assertEquals("ok", bench.verdict(), "the benchmark ends before the fault, seed " + seed);
        final CheckResult r = horizonWithFaultAfter(spec, LateFaultStore.AfterTime.class.getName(), bench);
        assertEquals(Verdict.FAIL, r.verdict(), "seed " + seed + ": " + r.line());
        assertTrue(r.summary().contains("stale read") || r.summary().contains("retention"), r.summary());
    }

    @Test
    void aCorrectStorePassesTheGateAtTheHorizon() throws Exception {
        final Spec spec = card("{duration: 300ms}", true);
        final CheckResult r = horizon(spec, "reference", HorizonCheck.Horizon.beyond(Duration.ofMillis(500), 50_000));
        assertEquals(Verdict.PASS, r.verdict(), "seed " + seed + ": " + r.line());
        assertTrue(((Number) r.figures().get("lived_s")).doubleValue() >= 2.5, r.line());
    }

    @Test
    void aDurableStoreIsReadBackAfterACheckpointAndReopenAtTheHorizon() throws Exception {
        final Spec spec = card("{duration: 300ms}", true, "checkpoint");
        final CheckResult r = horizon(spec, "reference", HorizonCheck.Horizon.beyond(Duration.ofMillis(200), 20_000));
        assertEquals(Verdict.PASS, r.verdict(), "seed " + seed + ": " + r.line());
        assertEquals(true, r.figures().get("reopened"), r.line());
    }

    @Test
    void checkpointsThatStopPersistingAfterTheBenchmarkAreCaughtByTheReopenAtTheHorizon() throws Exception {
        final Spec spec = card("{duration: 300ms}", true, "checkpoint");
        final BenchResult bench = young(spec, new SnapshotStore.LateStaleSnapshot());
        assertEquals("ok", bench.verdict(), "young, its checkpoint and reopen hold, seed " + seed + ": "
            + bench.failure());
        final CheckResult r = horizonWithFaultAfter(spec, SnapshotStore.LateStaleSnapshot.class.getName(), bench);
        assertEquals(Verdict.FAIL, r.verdict(), "seed " + seed + ": " + r.line());
        assertTrue(r.summary().contains("reopen"), r.summary());
    }

    /**
     * A short benchmark of a store whose fault is armed out of its reach: how long a 300-ms run lives (load, reopen)
     * depends on how busy the machine is, so a fixed trigger could fire inside it on a slow day.
     */
    private BenchResult young(final Spec spec, final StoreProvider store) throws Exception {
        System.setProperty(LATE_AFTER_MS, Long.toString(Duration.ofMinutes(10).toMillis()));
        try {
            return InProcessBench.run(spec, null, store, DriverOptions.defaults(2, seed).withWarmUp(false),
                dir.resolve("bench"), ProgressListener.NONE);
        } finally {
            System.clearProperty(LATE_AFTER_MS);
        }
    }

    /**
     * The gate at {@code bench}'s horizon with the fault armed one second past the benchmark's lifetime: after
     * anything the benchmark saw, and well within the horizon (1.25 times the lifetime plus two seconds).
     */
    private CheckResult horizonWithFaultAfter(final Spec spec, final String store, final BenchResult bench)
        throws Exception {
        System.setProperty(LATE_AFTER_MS, Long.toString(bench.lifetimeNanos() / 1_000_000 + 1_000));
        try {
            return horizon(spec, store, horizonOf(bench));
        } finally {
            System.clearProperty(LATE_AFTER_MS);
        }
    }

    private static HorizonCheck.Horizon horizonOf(final BenchResult bench) {
        return HorizonCheck.Horizon.beyond(Duration.ofNanos(bench.lifetimeNanos()), bench.lifetimeOperations());
    }

    private CheckResult horizon(final Spec spec, final String store, final HorizonCheck.Horizon horizon)
        throws Exception {
        final Path run = dir.resolve("gate-" + store.hashCode());
        final StoreUnderTest sut = new StoreUnderTest(store, io.jitskit.gate.StoreLocator.locate(store),
            GateRunner.gateSpec(spec, GateLevel.QUICK, run.resolve("data")), GateLevel.QUICK, run, seed);
        return new HorizonCheck(spec, horizon, false).run(sut);
    }
}
