package io.jitskit.gate.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jitskit.api.StoreProvider;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.StoreLocator;
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
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scenario at its own scale (slow, not in the default run: {@code bin/test -DexcludedTestGroups=none}):
 * a 45-s benchmark of a store that turns faulty after N seconds (5 to 60) or M operations. Every one is rejected,
 * by the timed run when the fault comes inside it, else by the gate at the benchmark's horizon. Each line prints
 * which caught it, when, and the seed.
 */
@Tag("slow")
class LateFaultAtScaleTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource({"age, 5000", "age, 25000", "age, 60000", "ops, 100000000"})
    void aFaultThatWaitsIsRejectedByTheRunOrAtTheHorizon(final String trigger, final long after) throws Exception {
        final long seed = new SecureRandom().nextLong();
        System.setProperty("jitskit.gallery.lateAfterMs", Long.toString(after));
        System.setProperty("jitskit.gallery.lateAfterOps", Long.toString(after));
        try {
            final Path file = dir.resolve("late.yaml");
            Files.writeString(file, """
                name: late-at-scale
                environment: {memory-budget: 1GiB, threads: 2}
                workload:
                  keys: {count: 1000000}
                  values: {fixed: 100}
                  mix: {read: 50, upsert: 50}
                  distribution: {zipfian: 0.99}
                  run: {duration: 45s}
                requirements: {operations: [read, upsert], durability: none}
                """);
            final Spec spec = SpecParser.parse(file);
            final StoreProvider store = trigger.equals("age") ? new LateFaultStore.AfterTime()
                : new LateFaultStore.AfterOperations();
            final BenchResult bench = InProcessBench.run(spec, file, store, DriverOptions.defaults(2, seed),
                dir.resolve("bench"), ProgressListener.NONE);
            if (!bench.ok()) {
                System.out.printf(Locale.ROOT, "%s after %d: rejected by the timed run: %s (seed %d)%n", trigger,
                    after, bench.failure(), seed);
                return;
            }
            final long nanos = bench.lifetimeNanos();
            final long ops = bench.lifetimeOperations();
            final Path run = dir.resolve("gate");
            final StoreUnderTest sut = new StoreUnderTest(store.getClass().getName(),
                StoreLocator.locate(store.getClass().getName()), GateRunner.gateSpec(spec, GateLevel.QUICK,
                run.resolve("data")), GateLevel.QUICK, run, seed);
            final CheckResult r = new HorizonCheck(spec, HorizonCheck.Horizon.beyond(Duration.ofNanos(nanos), ops),
                false).run(sut);
            System.out.printf(Locale.ROOT, "%s after %d: the %.1f-s benchmark passed; at the horizon: %s (seed %d)%n",
                trigger, after, nanos / 1e9, r.line(), seed);
            assertEquals(Verdict.FAIL, r.verdict(), "seed " + seed + ": " + r.line());
        } finally {
            System.clearProperty("jitskit.gallery.lateAfterMs");
            System.clearProperty("jitskit.gallery.lateAfterOps");
        }
    }
}
