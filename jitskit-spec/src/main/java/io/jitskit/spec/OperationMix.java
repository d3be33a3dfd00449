package io.jitskit.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Proportions of each operation in the run phase, normalized to sum to 1.
 *
 * @param proportions operation to proportion; absent operations have proportion 0
 */
public record OperationMix(Map<Operation, Double> proportions) {

    public OperationMix {
        final EnumMap<Operation, Double> copy = new EnumMap<>(Operation.class);
        double sum = 0;
        for (final Map.Entry<Operation, Double> e : proportions.entrySet()) {
            final double p = e.getValue();
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("proportion of " + e.getKey().cardName() + " must be >= 0");
            }
            if (p > 0) {
                copy.put(e.getKey(), p);
                sum += p;
            }
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("an operation mix needs at least one positive proportion");
        }
        for (final Map.Entry<Operation, Double> e : copy.entrySet()) {
            e.setValue(e.getValue() / sum);
        }
        proportions = Collections.unmodifiableMap(copy);
    }

    /** Proportion of {@code op} in [0, 1]. */
    public double of(final Operation op) {
        return proportions.getOrDefault(op, 0.0);
    }

    /** Operations with a positive proportion. */
    public Set<Operation> operations() {
        return proportions.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(proportions.keySet());
    }

    /** Convenience: a mix of read and upsert only, in percent of reads. */
    public static OperationMix readUpsert(final double readPercent) {
        final EnumMap<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.READ, readPercent);
        m.put(Operation.UPSERT, 100 - readPercent);
        return new OperationMix(m);
    }
}
