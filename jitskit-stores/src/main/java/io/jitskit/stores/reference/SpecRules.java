package io.jitskit.stores.reference;

import io.jitskit.api.StoreException;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the spec allows, checked on every operation before anything changes: key sizes, value sizes and operations.
 * An operation that fails a check did not happen and takes no serial number.
 */
final class SpecRules {

    /** Bytes an {@code add-u64} counter occupies at the front of a value. */
    static final int COUNTER_BYTES = Long.BYTES;

    private final String specName;
    private final int minKeyBytes;
    private final int maxKeyBytes;
    private final SizeDistribution valueSizes;
    private final String allowedValueSizes;
    private final Set<Operation> operations;

    SpecRules(final Spec spec) {
        this.specName = spec.name();
        final KeyFormat format = spec.workload().keyFormat();
        this.minKeyBytes = switch (format) {
            case KeyFormat.Id8 id8 -> id8.maxBytes();
            case KeyFormat.Variable variable -> variable.sizes().min();
        };
        this.maxKeyBytes = format.maxBytes();
        this.valueSizes = spec.workload().valueSizes();
        this.allowedValueSizes = describe(valueSizes);
        // Reads are always served: every check the gate makes is a read, including on specs whose mix has none.
        final EnumSet<Operation> allowed = EnumSet.of(Operation.READ);
        allowed.addAll(spec.requirements().operations());
        this.operations = allowed;
    }

    /** The largest value the spec allows, for bounding record sizes when reading files back. */
    int maxValueBytes() {
        return valueSizes.max();
    }

    int maxKeyBytes() {
        return maxKeyBytes;
    }

    void requireOperation(final Operation operation) {
        if (!operations.contains(operation)) {
            throw new UnsupportedOperationException(operation.cardName() + " is not among the operations spec '"
                + specName + "' requires (requirements.operations); add it there to use it");
        }
    }

    void checkKey(final MemorySegment key) {
        final long size = key.byteSize();
        if (size < minKeyBytes || size > maxKeyBytes) {
            throw new StoreException("key of " + size + " bytes is outside the spec's key format ("
                + (minKeyBytes == maxKeyBytes ? minKeyBytes + " bytes" : minKeyBytes + ".." + maxKeyBytes + " bytes")
                + " in spec '" + specName + "', workload.keys); send keys the spec allows");
        }
    }

    void checkValue(final long size) {
        if (size > Integer.MAX_VALUE || !valueSizes.allows((int) size)) {
            throw new ValueSizeException(size, allowedValueSizes);
        }
    }

    /** An {@code add-u64} rmw needs a counter's worth of bytes in its initial value, and an allowed size. */
    void checkRmwInitial(final long size) {
        checkValue(size);
        if (size < COUNTER_BYTES) {
            throw new StoreException("rmw add-u64 needs a value of at least " + COUNTER_BYTES + " bytes, was " + size
                + "; give rmw an initial value of 8 bytes or more (workload.values of spec '" + specName + "')");
        }
    }

    static String describe(final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Fixed fixed -> "(exactly " + fixed.size() + " bytes)";
            case SizeDistribution.Uniform uniform -> "(" + uniform.min() + ".." + uniform.max() + " bytes)";
            case SizeDistribution.Bimodal bimodal -> "(" + bimodal.small() + " or " + bimodal.large() + " bytes)";
            case SizeDistribution.FromTrace trace -> "(" + trace.min() + ".." + trace.max() + " bytes, from a trace)";
        };
    }
}
