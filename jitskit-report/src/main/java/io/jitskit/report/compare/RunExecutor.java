package io.jitskit.report.compare;

import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.ProgressListener;
import java.io.IOException;

/**
 * Runs one benchmark of one store configuration: the seam between the interleaving schedule and the harness
 * ({@link ForkedRunExecutor} in production).
 */
@FunctionalInterface
public interface RunExecutor {

    /**
     * @param round    1-based round the run belongs to
     * @param seed     the hidden seed shared by every store of the round
     * @param progress told once a second how the run goes
     */
    BenchResult run(StoreVariant variant, int round, long seed, ProgressListener progress)
        throws IOException, InterruptedException;

    /** Where {@code run}'s full result was kept, relative to the comparison directory, or null when nowhere. */
    default String resultFile(final RunRecord run) {
        return null;
    }
}
