package io.jitskit.harness.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One benchmark to run.
 *
 * @param specFile   the spec card file
 * @param store      a store name or the path of a store jar
 * @param threads    worker threads, or 0 for the spec's
 * @param duration   run-phase length overriding the spec's, or null
 * @param seed       the hidden seed; 0 draws a fresh one
 * @param workDir    where the run keeps its store directory and outputs
 * @param keepData   keep the store's data directory after the run
 * @param jvmArgs    extra JVM options for the child (a store's documented flags)
 * @param deadline   a forked child still running this long after start is killed and reported as hung
 */
public record BenchRequest(
    Path specFile,
    String store,
    int threads,
    Duration duration,
    long seed,
    Path workDir,
    boolean keepData,
    List<String> jvmArgs,
    Duration deadline) {

    public BenchRequest {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
