package io.jitskit.harness.driver;

import java.time.Duration;

/**
 * How the driver runs a spec.
 *
 * @param threads                     worker threads (one session each)
 * @param runDuration                 overrides the spec's run phase when not null
 * @param seed                        the hidden per-run seed: key permutation and value bytes derive from it
 * @param sampleShift                 latency is recorded for one op in 2^sampleShift
 * @param batchSize                   ops generated per batch
 * @param targetOpsPerSecondPerThread open-loop pacing per worker, 0 for closed loop; latency then counts from the
 *                                    intended start, so a stalled store is charged for the queue it caused
 * @param load                        whether to run the load phase
 * @param stopOnFailure               stop at the first bad read (the default); when false, bad reads and lost keys
 *                                    are counted and reported at the end
 * @param storeKeepsNothing           the store keeps nothing by design ({@code noop}, measuring the harness's own
 *                                    ceiling): a read that finds no value is counted as a miss instead of failing the
 *                                    run as a lost key; a value that fails verification still fails it
 * @param warmUp                      run the card's stream untimed to steady state before the run phase (see
 *                                    {@link Driver#warmUp}); on by default for timed benchmarks
 * @param freshness                   hold every read of a secret sample of keys to the read-after-write rule and
 *                                    read the sample back at the end ({@code FreshnessLedger}); on by default, off
 *                                    only to measure what it costs
 */
public record DriverOptions(
    int threads,
    Duration runDuration,
    long seed,
    int sampleShift,
    int batchSize,
    long targetOpsPerSecondPerThread,
    boolean load,
    boolean stopOnFailure,
    boolean storeKeepsNothing,
    boolean warmUp,
    boolean freshness) {

    public static final int DEFAULT_SAMPLE_SHIFT = 6;
    public static final int DEFAULT_BATCH_SIZE = 1024;

    public DriverOptions {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive");
        }
        if (sampleShift < 0 || sampleShift > 20) {
            throw new IllegalArgumentException("sample shift must be in [0, 20]");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive");
        }
    }

    public static DriverOptions defaults(final int threads, final long seed) {
        return new DriverOptions(threads, null, seed, DEFAULT_SAMPLE_SHIFT, DEFAULT_BATCH_SIZE, 0, true, true, false,
            true, true);
    }

    public DriverOptions withRunDuration(final Duration d) {
        return new DriverOptions(threads, d, seed, sampleShift, batchSize, targetOpsPerSecondPerThread, load,
            stopOnFailure, storeKeepsNothing, warmUp, freshness);
    }

    public DriverOptions withLoad(final boolean doLoad) {
        return new DriverOptions(threads, runDuration, seed, sampleShift, batchSize, targetOpsPerSecondPerThread,
            doLoad, stopOnFailure, storeKeepsNothing, warmUp, freshness);
    }

    public DriverOptions withStopOnFailure(final boolean stop) {
        return new DriverOptions(threads, runDuration, seed, sampleShift, batchSize, targetOpsPerSecondPerThread, load,
            stop, storeKeepsNothing, warmUp, freshness);
    }

    public DriverOptions withWarmUp(final boolean on) {
        return new DriverOptions(threads, runDuration, seed, sampleShift, batchSize, targetOpsPerSecondPerThread, load,
            stopOnFailure, storeKeepsNothing, on, freshness);
    }

    public DriverOptions withStoreKeepsNothing(final boolean keepsNothing) {
        return new DriverOptions(threads, runDuration, seed, sampleShift, batchSize, targetOpsPerSecondPerThread, load,
            stopOnFailure, keepsNothing, warmUp, freshness);
    }

    public DriverOptions withFreshness(final boolean on) {
        return new DriverOptions(threads, runDuration, seed, sampleShift, batchSize, targetOpsPerSecondPerThread, load,
            stopOnFailure, storeKeepsNothing, warmUp, on);
    }

    public DriverOptions withTargetRate(final long perThread) {
        return new DriverOptions(threads, runDuration, seed, sampleShift, batchSize, perThread, load,
            stopOnFailure, storeKeepsNothing, warmUp, freshness);
    }
}
