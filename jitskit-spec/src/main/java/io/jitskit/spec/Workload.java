package io.jitskit.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * The workload card: what the store will be asked to do.
 *
 * @param keyCount     keys loaded before the run (for time-ordered workloads: the live window); for a trace, the
 *                     number of distinct keys it declares or 0 when only the trace knows
 * @param keyFormat    fixed 8-byte ids or variable byte strings
 * @param valueSizes   sizes of values written
 * @param mix          operation proportions in the run phase
 * @param distribution which keys the run phase touches
 * @param temporal     steady or bursty arrival
 * @param load         whether a load phase writes every key once before the run phase
 * @param run          the run phase's length
 * @param trace        a trace that replaces the generators, or {@code null}
 */
public record Workload(
    long keyCount,
    KeyFormat keyFormat,
    SizeDistribution valueSizes,
    OperationMix mix,
    KeyDistribution distribution,
    TemporalPattern temporal,
    boolean load,
    Phase run,
    TraceSource trace) {

    public Workload {
        Objects.requireNonNull(keyFormat, "keyFormat");
        Objects.requireNonNull(valueSizes, "valueSizes");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(temporal, "temporal");
        Objects.requireNonNull(run, "run");
        if (keyCount < 0 || (keyCount == 0 && trace == null)) {
            throw new IllegalArgumentException("key count must be positive, was " + keyCount);
        }
    }

    public Optional<TraceSource> traceSource() {
        return Optional.ofNullable(trace);
    }

    /** The same workload with another key format and value sizes. */
    public Workload withKeysAndValues(final KeyFormat newKeyFormat, final SizeDistribution newValueSizes) {
        return new Workload(keyCount, newKeyFormat, newValueSizes, mix, distribution, temporal, load, run, trace);
    }

    /** The same workload with another key count and run phase, e.g. for a quick variant. */
    public Workload scaled(final long newKeyCount, final Phase newRun) {
        return new Workload(newKeyCount, keyFormat, valueSizes, mix, distribution, temporal, load, newRun, trace);
    }
}
