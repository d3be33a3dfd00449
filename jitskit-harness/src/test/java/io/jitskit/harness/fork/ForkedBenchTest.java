package io.jitskit.harness.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.harness.HarnessSpecs;
import io.jitskit.harness.bench.BenchRequest;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ForkedBenchTest {

    @TempDir
    Path dir;

    private BenchResult bench(final String store, final String budget) throws Exception {
        final Path file = HarnessSpecs.write(dir, "small", HarnessSpecs.yaml("small", budget, 20_000,
            "{read: 50, upsert: 50}", "{duration: 2s}"));
        final Spec spec = HarnessSpecs.parse(file);
        return ForkedBench.run(new BenchRequest(file, store, 2, null, 11, dir.resolve("run-" + store), false,
            List.of(), Duration.ofMinutes(2)), spec, 11, ProgressListener.NONE);
    }

    @Test
    void referenceStoreRunsInAChildJvmWithinItsBudget() throws Exception {
        final BenchResult r = bench("reference", "192MiB");
        assertEquals("ok", r.verdict(), r.failure());
        assertNotNull(r.run());
        assertTrue(r.memory().samples() > 5, "the parent sampled the child: " + r.memory().samples());
        assertTrue(r.memory().peakChargedBytes() > 0 && r.memory().peakChargedBytes() < (192L << 20),
            "peak " + r.memory().peakChargedBytes());
        assertTrue(Files.exists(dir.resolve("run-reference/result.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-hog-heap", "test-hog-native", "test-hog-pagecache"})
    void aStoreThatOvergrowsItsBudgetFailsTheRun(final String hog) throws Exception {
        final BenchResult r = bench(hog, "192MiB");
        assertEquals("failed", r.verdict(), hog + " must fail");
        assertTrue(r.failure().contains("memory") || r.failure().contains("heap"), r.failure());
    }
}
