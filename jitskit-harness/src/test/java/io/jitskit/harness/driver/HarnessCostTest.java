package io.jitskit.harness.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.harness.HarnessSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessCostTest {

    @TempDir
    Path dir;

    @Test
    void perOperationCostCountsAKeyEveryOpAValueEveryWriteAndAVerificationEveryFoundRead() {
        final HarnessCost cost = new HarnessCost(5, 20, 30, 70, 40);
        // 1,000 ops: 600 reads of which 500 found a value, 300 upserts, 100 rmw; 8,000 ns of generation.
        final PhaseResult run = new PhaseResult("run", 1000, 1_000_000, Map.of("read", 600L, "upsert", 300L,
            "rmw", 100L), Map.of(), List.of(), 500, 100, 8000, List.of(), null, null);
        // 50 of the reads and 20 of the writes were of sampled keys.
        assertEquals((8000 + 1000 * 5 + 400 * 20 + 500 * 30 + 50 * 70 + 20 * 40) / 1000.0,
            cost.nanosPerOperation(run, 50, 20), 1e-9);
        assertEquals((50 * 70 + 20 * 40) / 1000.0, cost.freshnessNanosPerOperation(run, 50, 20), 1e-9);
    }

    @Test
    void measuringTheCodecGivesPositiveCostsThatGrowWithTheValue() throws Exception {
        final var spec = HarnessSpecs.parse(HarnessSpecs.write(dir, "cost", HarnessSpecs.yaml("cost", "256MiB",
            1000, "{read: 50, upsert: 50}", "{operations: 1000}")));
        try (WorkloadPlan plan = WorkloadPlan.of(spec, 42)) {
            final HarnessCost small = HarnessCost.measure(plan, 32);
            final HarnessCost large = HarnessCost.measure(plan, 1024);
            assertTrue(small.keyNanos() > 0 && small.writeNanos() > 0 && small.verifyNanos() > 0, small.toString());
            // 32 times the bytes: far more than twice the time, whatever the machine's noise.
            assertTrue(large.writeNanos() > 2 * small.writeNanos(), small + " vs " + large);
        }
    }
}
