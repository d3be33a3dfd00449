package io.jitskit.harness.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import io.jitskit.harness.ForwardingStore;
import io.jitskit.harness.HarnessSpecs;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverTest {

    @TempDir
    Path dir;

    @Test
    void referenceStoreRunsTheMixAndEveryReadVerifies() throws Exception {
        final Path file = HarnessSpecs.write(dir, "mixed", HarnessSpecs.yaml("mixed", "256MiB", 20_000,
            "{read: 50, upsert: 30, rmw: 20}", "{operations: 200000}"));
        final Spec spec = HarnessSpecs.parse(file);
        final BenchResult r = InProcessBench.run(spec, file, StoreFactory.find("reference"),
            DriverOptions.defaults(2, 42), dir.resolve("data"), ProgressListener.NONE);
        assertNull(r.failure(), "seed 42");
        assertEquals("ok", r.verdict());
        assertEquals(20_000, r.load().operations(), "load writes every key once");
        assertEquals(200_000, r.run().operations(), "an op-count phase runs exactly its ops");
        final long reads = r.run().operationsByType().get("read");
        assertEquals(reads, r.run().verifiedReads(), "after a full load every read finds a verifiable value");
        assertEquals(0, r.run().readMisses());
        assertTrue(r.run().operationsByType().get("rmw") > 0);
        assertTrue(r.run().latency().get("read").samples() > 0, "latency is sampled");
    }

    @Test
    void aStoreThatLosesKeysFailsTheRun() throws Exception {
        final Path file = HarnessSpecs.write(dir, "reads", HarnessSpecs.yaml("reads", "256MiB", 1_000,
            "{read: 100}", "{operations: 10000}"));
        final Spec spec = HarnessSpecs.parse(file);
        // noop forgets everything: the first read after the load must fail the run.
        final BenchResult r = InProcessBench.run(spec, file, StoreFactory.find("noop"),
            DriverOptions.defaults(2, 7), dir.resolve("data"), ProgressListener.NONE);
        assertEquals("failed", r.verdict());
        assertTrue(r.failure().contains("reads absent"), r.failure());
    }

    @Test
    void aStoreThatKeepsNothingByDesignHasItsMissesCountedWhenTheBenchMeasuresTheHarness() throws Exception {
        final Path file = HarnessSpecs.write(dir, "reads", HarnessSpecs.yaml("reads", "256MiB", 1_000,
            "{read: 100}", "{operations: 10000}"));
        final Spec spec = HarnessSpecs.parse(file);
        final BenchResult r = InProcessBench.run(spec, file, StoreFactory.find("noop"),
            DriverOptions.defaults(2, 7).withStoreKeepsNothing(true), dir.resolve("data"), ProgressListener.NONE);
        assertEquals("ok", r.verdict(), r.failure());
        assertEquals(10_000, r.run().operations(), "the whole phase runs: nothing stopped it");
        assertEquals(10_000, r.run().readMisses());
        assertEquals(0, r.run().verifiedReads());
    }

    @Test
    void timedPhaseStopsNearItsDurationAndReportsEachSecond() throws Exception {
        final Path file = HarnessSpecs.write(dir, "timed", HarnessSpecs.yaml("timed", "256MiB", 10_000,
            "{read: 90, upsert: 10}", "{duration: 2s}"));
        final Spec spec = HarnessSpecs.parse(file);
        final BenchResult r = InProcessBench.run(spec, file, StoreFactory.find("reference"),
            DriverOptions.defaults(2, 3), dir.resolve("data"), ProgressListener.NONE);
        assertEquals("ok", r.verdict(), r.failure());
        final long ms = Duration.ofNanos(r.run().elapsedNanos()).toMillis();
        assertTrue(ms >= 1900 && ms < 3500, "ran " + ms + " ms for a 2 s phase");
        assertTrue(r.run().perSecond().size() >= 1, "per-second series");
        assertTrue(r.indicators().containsKey("gc.pause.count"), "JFR indicators reported");
        assertTrue(r.indicators().containsKey("cpu.workers_ms"));
    }

    @Test
    void aStoresSleepingBackgroundThreadIsNotCountedAsWorkersParking() throws Exception {
        final Path file = HarnessSpecs.write(dir, "sleeper", HarnessSpecs.yaml("sleeper", "256MiB", 10_000,
            "{read: 90, upsert: 10}", "{duration: 2s}"));
        final Spec spec = HarnessSpecs.parse(file);
        final java.util.concurrent.atomic.AtomicLong slept = new java.util.concurrent.atomic.AtomicLong();
        final StoreProvider reference = StoreFactory.find("reference");
        // The reference store plus daemons that park 5 ms at a time for as long as the store is open, as a compactor
        // waiting for work does: together they park far longer than two workers could in the whole run.
        final StoreProvider sleeper = new StoreProvider() {
            @Override
            public String name() {
                return "test-sleeper";
            }

            @Override
            public String description() {
                return "reference store with an idle background thread";
            }

            @Override
            public Store open(final StoreContext context) throws java.io.IOException {
                final Store inner = reference.open(context);
                final java.util.List<Thread> idle = new java.util.ArrayList<>();
                for (int i = 0; i < SLEEPERS; i++) {
                    idle.add(Thread.ofPlatform().daemon().name("test-sleeper-" + i).start(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            final long t0 = System.nanoTime();
                            LockSupport.parkNanos(5_000_000);
                            slept.addAndGet(System.nanoTime() - t0);
                        }
                    }));
                }
                return new ForwardingStore(inner) {
                    @Override
                    public void close() throws java.io.IOException {
                        idle.forEach(Thread::interrupt);
                        super.close();
                    }
                };
            }
        };
        final BenchResult r = InProcessBench.run(spec, file, sleeper, DriverOptions.defaults(2, 5), dir.resolve("data"),
            ProgressListener.NONE);
        assertEquals("ok", r.verdict(), r.failure());
        final double parkedMs = r.indicators().get("lock.park.total_ms");
        final double workersMs = r.threads() * r.run().elapsedNanos() / 1e6;
        assertTrue(slept.get() / 1e6 > 2 * workersMs, "the sleepers slept " + slept.get() / 1e6 + " ms");
        // Whatever the workers themselves did, they cannot have parked longer than they ran.
        assertTrue(parkedMs <= workersMs, "parked " + parkedMs + " ms in " + workersMs + " ms of worker time: the"
            + " background threads' sleep was counted");
    }

    private static final int SLEEPERS = 8;

    @Test
    void aTimedRunWarmsUpToSteadyStateFirstAndAnOperationCountRunDoesNot() throws Exception {
        final Path file = HarnessSpecs.write(dir, "warm", HarnessSpecs.yaml("warm", "256MiB", 10_000,
            "{read: 90, upsert: 10}", "{duration: 2s}"));
        final BenchResult timed = InProcessBench.run(HarnessSpecs.parse(file), file, StoreFactory.find("reference"),
            DriverOptions.defaults(2, 5), dir.resolve("data"), ProgressListener.NONE);
        assertEquals("ok", timed.verdict(), timed.failure());
        final double warmMs = timed.indicators().get("harness.warmup_ms");
        assertTrue(warmMs >= 900 && warmMs < 3000, "warm-up of " + warmMs + " ms: at least 1 s, at most the run");
        assertTrue(timed.indicators().get("harness.warmup_ops") > 0);

        final Path counted = HarnessSpecs.write(dir, "counted", HarnessSpecs.yaml("counted", "256MiB", 10_000,
            "{read: 90, upsert: 10}", "{operations: 50000}"));
        final BenchResult ops = InProcessBench.run(HarnessSpecs.parse(counted), counted,
            StoreFactory.find("reference"), DriverOptions.defaults(2, 5), dir.resolve("data2"), ProgressListener.NONE);
        assertEquals("ok", ops.verdict(), ops.failure());
        assertNull(ops.indicators().get("harness.warmup_ms"), "an operation-count phase runs exactly its operations");
    }
}
