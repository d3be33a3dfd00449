package io.jitskit.report;

import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.LatencySummary;
import io.jitskit.harness.driver.PhaseResult;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.BestStore;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Schema-valid results and specs built by hand, for tests that check arithmetic and rendering. */
public final class Fixtures {

    public static final long BUDGET = 256L << 20;

    private Fixtures() {
    }

    /** An ok result whose run phase did {@code mops} Mops/s (one second), with the given read p99. */
    public static BenchResult ok(final String store, final String category, final double mops, final long readP99,
                                 final long peakBytes) {
        final long ops = Math.round(mops * 1e6);
        final PhaseResult run = new PhaseResult("run", ops, 1_000_000_000L, Map.of("read", ops),
            Map.of("read", new LatencySummary(1000, readP99 / 2.0, readP99 / 2, readP99 - 1, readP99, readP99 * 2,
                readP99 * 4)),
            List.of(ops), ops, 0, 0, List.of(1L), null, null);
        return new BenchResult(BenchResult.SCHEMA, "tiny", "tiny.yaml",
            new BenchResult.StoreSummary(store, "none", Map.of("category", category)), 2, 1, "2025-01-01T00:00:00Z",
            null, run, new BenchResult.MemorySummary(BUDGET, peakBytes, 0, 10, List.of(), null), Map.of(), Map.of(),
            "ok", null);
    }

    public static BenchResult failed(final String store, final String failure) {
        return new BenchResult(BenchResult.SCHEMA, "tiny", "tiny.yaml",
            new BenchResult.StoreSummary(store, "none", Map.of()), 2, 1, "2025-01-01T00:00:00Z", null, null,
            new BenchResult.MemorySummary(BUDGET, 100L << 20, 0, 10, List.of(), null), Map.of(), Map.of(), "failed",
            failure);
    }

    public static BenchResult skipped(final String store, final String reason) {
        return new BenchResult(BenchResult.SCHEMA, "tiny", "tiny.yaml",
            new BenchResult.StoreSummary(store, "n/a", Map.of()), 2, 1, "2025-01-01T00:00:00Z", null, null,
            BenchResult.MemorySummary.unmeasured(BUDGET), Map.of(), Map.of(), "skipped", reason);
    }

    /** A tiny spec: 20 000 keys, 100-byte values, 50/50 read/upsert, durability none, 1 s run. */
    public static Path tinySpec(final Path dir, final String name) throws IOException {
        Files.createDirectories(dir);
        final Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
            # %s: a tiny spec for report tests.
            name: %s
            environment:
              memory-budget: 256MiB
              threads: 2
            workload:
              keys: {count: 20000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
              run: {duration: 1s}
            requirements:
              operations: [read, upsert, rmw, delete]
              durability: none
            """.formatted(name, name));
        return file;
    }

    /** A trajectory of five attempts: two accepted, one rejected by the gate, one compile error, one slower. */
    public static Trajectory trajectory(final String specFile) {
        return Trajectory.of("tiny", specFile, "2025-01-01T00:00:00Z", List.of(
            new Attempt(1, "striped hash map over byte[] slabs", Outcome.ACCEPTED, 3.2, 3.2, "first correct design",
                List.of(), 41.0, 0.12),
            new Attempt(2, "open addressing, in-place same-size updates", Outcome.REJECTED_GATE, 6.1, 3.2,
                "torn-reads: reader saw a mix of two versions of key 0x5f3a (seed 42)", List.of("torn-reads"), 55.5,
                0.18),
            new Attempt(3, "open addressing with a seqlock per slot", Outcome.ACCEPTED, 5.4, 5.4,
                "passes the gate, 1.69x the best so far", List.of(), 60.0, 0.2),
            new Attempt(4, "lock-free <index> & \"log\"", Outcome.COMPILE_ERROR, null, 5.4,
                "Store.java:88: cannot find symbol VarHandle", List.of(), 12.0, 0.09),
            new Attempt(5, "seqlock with batched epoch reclamation", Outcome.SLOWER, 5.1, 5.4,
                "0.94x the best so far", List.of(), 58.2, 0.21)),
            new BestStore(3, "open addressing with a seqlock per slot", 5.4, "best/store.jar",
                "best/src/GeneratedStore.java"));
    }
}
