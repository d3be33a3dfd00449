package io.jitskit.synth.engine;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The card fields the design rules reason from, extracted from a {@link Spec}. Keeping them in the {@link Design}
 * lets a design be mutated and re-sized without the spec at hand, and makes explicit that no rule reads the spec's
 * name.
 *
 * @param keyCount     keys loaded before the run ({@code workload.keys})
 * @param valueSizes   allowed value sizes ({@code workload.values})
 * @param operations   operations the store must support ({@code requirements.operations}); read and upsert are
 *                     always served because the load phase writes and the gate reads
 * @param durability   what must survive a crash ({@code requirements.durability})
 * @param threads      worker threads, one session each ({@code environment.threads})
 * @param usableBytes  the memory budget less the headroom ({@code environment.memory_budget}, {@code headroom})
 * @param timeOrdered  inserts append new ids while deletes retire old ones ({@code workload.distribution})
 * @param insertShare  proportion of inserts in the run mix ({@code workload.mix.insert})
 */
public record Facts(
    long keyCount,
    SizeDistribution valueSizes,
    Set<Operation> operations,
    Durability durability,
    int threads,
    long usableBytes,
    boolean timeOrdered,
    double insertShare) {

    public Facts {
        Objects.requireNonNull(valueSizes, "valueSizes");
        Objects.requireNonNull(durability, "durability");
        final EnumSet<Operation> ops = EnumSet.of(Operation.READ, Operation.UPSERT);
        ops.addAll(operations);
        operations = Set.copyOf(ops);
        if (keyCount <= 0) {
            throw new IllegalArgumentException("key count must be positive, was " + keyCount);
        }
    }

    /**
     * Extracts the facts of {@code spec}.
     *
     * @throws DesignException when the card asks for something the in-memory engine does not build
     */
    public static Facts of(final Spec spec) {
        final var workload = spec.workload();
        if (!(workload.keyFormat() instanceof KeyFormat.Id8)) {
            throw new DesignException(spec.name() + ": workload.key_format: the in-memory engine stores 8-byte id keys"
                + " only; this card has variable-length keys (use key_format: id8 or another engine)");
        }
        if (workload.keyCount() <= 0) {
            throw new DesignException(spec.name() + ": workload.keys: the key count is unknown (a trace without a"
                + " declared key count); the in-memory engine sizes its index from it, so declare keys in the card");
        }
        if (workload.valueSizes().max() > Design.MAX_VALUE_BYTES) {
            throw new DesignException(spec.name() + ": workload.values: values up to " + workload.valueSizes().max()
                + " bytes exceed the in-memory engine's " + Design.MAX_VALUE_BYTES + "-byte limit");
        }
        return new Facts(
            workload.keyCount(),
            workload.valueSizes(),
            spec.requirements().operations(),
            spec.requirements().durability(),
            spec.environment().threads(),
            spec.environment().usableBytes(),
            workload.distribution() instanceof KeyDistribution.TimeOrder,
            workload.mix().of(Operation.INSERT));
    }

    /** Whether {@code op} must be served. */
    public boolean supports(final Operation op) {
        return operations.contains(op);
    }
}
