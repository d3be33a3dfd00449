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
 */
public record CompareRequest(Path specFile, List<StoreVariant> stores, int runs, int threads, Duration duration,
                             boolean sweep, Path outDir, List<String> jvmArgs, Long seed) {

    public CompareRequest {
        stores = List.copyOf(stores);
        jvmArgs = List.copyOf(jvmArgs);
    }
}
