package io.jitskit.synth.engine;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The card fields the design rules reason from, extracted from a {@link Spec}. Keeping them in the {@link Design}
 * lets a design be mutated and re-sized without the spec at hand, and makes explicit that no rule reads the spec's
 * name.
 *
 * @param keyCount     keys loaded before the run ({@code workload.keys})
 * @param keySizes     allowed key lengths of variable-length keys, or {@code null} for 8-byte id keys
 *                     ({@code workload.keys.format})
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
    SizeDistribution keySizes,
    SizeDistribution valueSizes,
    Set<Operation> operations,
    Durability durability,
    int threads,
    long usableBytes,
    boolean timeOrdered,
    double insertShare) {

    /** Longest variable-length key: its length travels in the low 16 bits of the slot's key tag. */
    public static final int MAX_KEY_BYTES = 0xFFFF;

    public Facts {
        Objects.requireNonNull(valueSizes, "valueSizes");
        Objects.requireNonNull(durability, "durability");
        final EnumSet<Operation> ops = EnumSet.of(Operation.READ, Operation.UPSERT);
        ops.addAll(operations);
        // In enum order: a design's toString, hashed into the store's package name, must not follow Set.copyOf's
        // iteration order, which changes from JVM to JVM (found by GoldenRendersTest).
        operations = Collections.unmodifiableSet(ops);
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
        final SizeDistribution keySizes = workload.keyFormat() instanceof KeyFormat.Variable v ? v.sizes() : null;
        if (keySizes != null && spec.requirements().durability().level() == Durability.Level.COMMIT) {
            throw new DesignException(spec.name() + ": workload.keys.format: the in-memory engine keeps variable-length"
                + " keys with durability none or checkpoint (its commit log records 8-byte keys); use"
                + " requirements.durability: checkpoint, or key format id8");
        }
        if (keySizes != null && keySizes.max() > MAX_KEY_BYTES) {
            throw new DesignException(spec.name() + ": workload.keys.format: keys up to " + keySizes.max()
                + " bytes exceed the in-memory engine's " + MAX_KEY_BYTES + "-byte limit");
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
            keySizes,
            workload.valueSizes(),
            spec.requirements().operations(),
            spec.requirements().durability(),
            spec.environment().threads(),
            spec.environment().usableBytes(),
            workload.distribution() instanceof KeyDistribution.TimeOrder,
            workload.mix().of(Operation.INSERT));
    }

    /** Whether keys are variable-length byte strings rather than 8-byte ids. */
    public boolean variableKeys() {
        return keySizes != null;
    }

    /**
     * Sizes of what a slab chunk holds: the value, or with variable-length keys the key followed by the value. Sums
     * of two ranges are approximated by the range of the sums (uniform), which is what capacity planning assumes;
     * when either side is a trace's observed sample, the sums of the two samples paired at random stand for it.
     */
    public SizeDistribution slabSizes() {
        if (keySizes == null) {
            return valueSizes;
        }
        if (observed(keySizes) || observed(valueSizes)) {
            return new SizeDistribution.FromTrace(keySizes.min() + valueSizes.min(), keySizes.max() + valueSizes.max(),
                pairedSums(sample(keySizes), sample(valueSizes)));
        }
        if (keySizes instanceof SizeDistribution.Fixed k) {
            return switch (valueSizes) {
                case SizeDistribution.Fixed v -> new SizeDistribution.Fixed(k.size() + v.size());
                case SizeDistribution.Bimodal b ->
                    new SizeDistribution.Bimodal(k.size() + b.small(), k.size() + b.large(), b.smallWeight());
                default -> new SizeDistribution.Uniform(k.size() + valueSizes.min(), k.size() + valueSizes.max());
            };
        }
        return new SizeDistribution.Uniform(keySizes.min() + valueSizes.min(), keySizes.max() + valueSizes.max());
    }

    private static boolean observed(final SizeDistribution sizes) {
        return sizes instanceof SizeDistribution.FromTrace t && !t.observed().isEmpty();
    }

    /** Entries in a size sample built from a card's own distribution (a trace's holds up to as many). */
    static final int SAMPLE = 1024;
    private static final double GOLDEN_FRACTION = 0.6180339887498949;

    /** Up to {@link #SAMPLE} evenly spaced quantiles of {@code sizes}, ascending. */
    static int[] sample(final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Fixed f -> new int[] {f.size()};
            case SizeDistribution.FromTrace t when !t.observed().isEmpty() -> t.observedSizes();
            case SizeDistribution.Bimodal b -> {
                final int[] q = new int[SAMPLE];
                final int small = (int) Math.round(b.smallWeight() * SAMPLE);
                for (int i = 0; i < SAMPLE; i++) {
                    q[i] = i < small ? b.small() : b.large();
                }
                yield q;
            }
            default -> {
                final int span = sizes.max() - sizes.min() + 1;
                final int n = Math.min(SAMPLE, span);
                final int[] q = new int[n];
                for (int i = 0; i < n; i++) {
                    q[i] = sizes.min() + (int) ((2L * i + 1) * span / (2L * n));
                }
                yield q;
            }
        };
    }

    /**
     * Sums of two ascending samples as of independent draws, sorted: the i-th of {@code n} shares of {@code a} is
     * paired with {@code b} at the golden-ratio sequence's i-th point, which spreads over {@code b} evenly without
     * following its order (pairing in order would add the small keys to the small values).
     */
    static List<Integer> pairedSums(final int[] a, final int[] b) {
        final int n = Math.max(a.length, b.length);
        final int[] sums = new int[n];
        for (int i = 0; i < n; i++) {
            final int j = Math.min((int) (i * GOLDEN_FRACTION % 1.0 * b.length), b.length - 1);
            sums[i] = a[(int) ((long) i * a.length / n)] + b[j];
        }
        Arrays.sort(sums);
        return Arrays.stream(sums).boxed().toList();
    }

    /** Whether {@code op} must be served. */
    public boolean supports(final Operation op) {
        return operations.contains(op);
    }
}
