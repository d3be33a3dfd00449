package io.jitskit.synth.loop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Budgets and choices of one synthesis run.
 *
 * @param specFile        the spec card file
 * @param outDir          the run directory; an existing one is resumed
 * @param iterations      most design iterations to run
 * @param timeBudget      stop starting iterations once this much wall time has passed (the final comparison still
 *                        runs)
 * @param iterationBench  run-phase length of each iteration's benchmark (the final one uses the spec's)
 * @param auditEvery      the auditor examines the candidates every this many iterations
 * @param peers           stores to compare the winner with at the end (skipped when they cannot serve the spec)
 * @param peerRuns        runs per store in the final comparison
 */
public record SynthesisOptions(
    Path specFile,
    Path outDir,
    int iterations,
    Duration timeBudget,
    Duration iterationBench,
    int auditEvery,
    List<String> peers,
    int peerRuns) {

    public static final List<String> JAVA_PEERS = List.of("rocksdb", "lmdb", "chronicle-map", "mvstore", "chm");

    public SynthesisOptions {
        peers = List.copyOf(peers);
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        if (auditEvery <= 0) {
            throw new IllegalArgumentException("audit interval must be positive");
        }
    }
}
