package io.jitskit.synth.engine.log;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The card fields the larger-than-memory rules reason from, extracted from a {@link Spec}; no rule reads the spec's
 * name.
 *
 * @param keyCount    keys loaded before the run, or 0 when only a trace knows ({@code workload.keys})
 * @param idKeys      whether keys are fixed 8-byte ids ({@code workload.keys.format})
 * @param valueSizes  allowed value sizes ({@code workload.values})
 * @param operations  operations to serve ({@code requirements.operations}); read is always served
 * @param durability  what must survive a crash ({@code requirements.durability})
 * @param threads     worker threads ({@code environment.threads})
 * @param usableBytes the budget less the headroom ({@code environment.memory_budget}, {@code headroom})
 * @param readShare   proportion of reads in the run mix ({@code workload.mix.read})
 * @param skew        how concentrated accesses are ({@code workload.distribution}, or a trace)
 * @param timeOrdered inserts append new ids while deletes retire the oldest ({@code workload.distribution})
 */
public record LogFacts(
    long keyCount,
    boolean idKeys,
    SizeDistribution valueSizes,
    Set<Operation> operations,
    Durability durability,
    int threads,
    long usableBytes,
    double readShare,
    Skew skew,
    boolean timeOrdered) {

    /** How concentrated key accesses are, as far as the card tells. */
    public enum Skew {
        /** Every key equally likely: a cache holds its share of the data and no more. */
        UNIFORM,
        /** Zipfian, hotspot or latest: a small hot set takes most accesses. */
        SKEWED,
        /** A trace: unknown until replayed; production traces are usually skewed with one-hit wonders. */
        TRACE
    }

    public LogFacts {
        Objects.requireNonNull(valueSizes, "valueSizes");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(skew, "skew");
        final EnumSet<Operation> ops = EnumSet.of(Operation.READ);
        ops.addAll(operations);
        // In enum order: a design's toString, hashed into the store's package name, must not follow Set.copyOf's
        // iteration order, which changes from JVM to JVM (found by GoldenRendersTest).
        operations = Collections.unmodifiableSet(ops);
        if (keyCount < 0) {
            throw new IllegalArgumentException("key count must not be negative, was " + keyCount);
        }
    }

    /** The facts of {@code spec}. */
    public static LogFacts of(final Spec spec) {
        final var workload = spec.workload();
        final Skew skew;
        if (workload.trace() != null) {
            skew = Skew.TRACE;
        } else {
            skew = switch (workload.distribution()) {
                case KeyDistribution.Uniform u -> Skew.UNIFORM;
                case KeyDistribution.TimeOrder t -> Skew.UNIFORM;
                default -> Skew.SKEWED;
            };
        }
        return new LogFacts(workload.keyCount(), workload.keyFormat() instanceof KeyFormat.Id8,
            workload.valueSizes(), spec.requirements().operations(), spec.requirements().durability(),
            spec.environment().threads(), spec.environment().usableBytes(), workload.mix().of(Operation.READ), skew,
            workload.distribution() instanceof KeyDistribution.TimeOrder);
    }

    /** Whether {@code op} must be served. */
    public boolean supports(final Operation op) {
        return operations.contains(op);
    }
}
