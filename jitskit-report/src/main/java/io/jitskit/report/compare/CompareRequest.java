package io.jitskit.report.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One comparison to run.
 *
 * @param specFile the spec card file
 * @param stores   the store configurations, in the order each round runs them
 * @param runs     runs per configuration
 * @param threads  worker threads, 0 for the spec's
 * @param duration run-phase length overriding the spec's, or null
 * @param sweep    expand each store that has a {@link KnobGrid} over its grid
 * @param outDir   where the comparison writes its files
 * @param jvmArgs  JVM options for every child
 * @param seed     the seed the rounds' seeds derive from, or null for fresh random ones
 * @param oneSeed  every round runs on the same seed (the first one drawn): an A/A check then shows the machine's and
 *                 the harness's noise without the seed's share (which keys are hot, where they sit in the store)
 */
public record CompareRequest(Path specFile, List<StoreVariant> stores, int runs, int threads, Duration duration,
                             boolean sweep, Path outDir, List<String> jvmArgs, Long seed, boolean oneSeed) {

    public CompareRequest {
        stores = List.copyOf(stores);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A comparison whose rounds each draw a seed of their own. */
    public CompareRequest(final Path specFile, final List<StoreVariant> stores, final int runs, final int threads,
                          final Duration duration, final boolean sweep, final Path outDir, final List<String> jvmArgs,
                          final Long seed) {
        this(specFile, stores, runs, threads, duration, sweep, outDir, jvmArgs, seed, false);
    }
}
