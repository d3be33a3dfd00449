package io.jitskit.baselines.common;

import io.jitskit.api.StoreException;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.Workload;
import java.lang.foreign.MemorySegment;

/**
 * The key and value sizes a spec allows, checked at the SPI boundary before a byte reaches the wrapped store, so an
 * off-size value is refused rather than padded, cut or silently accepted by a store that would take anything.
 */
public final class SpecBounds {

    /** Bytes of the little-endian counter that {@code add-u64} updates. */
    public static final int COUNTER_BYTES = Long.BYTES;

    private final SizeDistribution values;
    private final String allowedValues;
    private final int minKeyBytes;
    private final int maxKeyBytes;
    private final long keyCount;

    public SpecBounds(final Spec spec) {
        final Workload workload = spec.workload();
        this.values = workload.valueSizes();
        this.allowedValues = describe(values);
        this.keyCount = workload.keyCount();
        final KeyFormat keys = workload.keyFormat();
        this.maxKeyBytes = keys.maxBytes();
        this.minKeyBytes = keys instanceof KeyFormat.Variable v ? v.sizes().min() : keys.maxBytes();
    }

    /** Largest value the spec allows: the size of a session's staging buffer. */
    public int maxValueBytes() {
        return values.max();
    }

    /** Expected value size, for capacity planning. */
    public double meanValueBytes() {
        return values.mean();
    }

    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    /** Whether every key is exactly 8 bytes. */
    public boolean fixedId8Keys() {
        return minKeyBytes == Long.BYTES && maxKeyBytes == Long.BYTES;
    }

    /** Keys the workload loads (its live window for time-ordered workloads); 0 when only a trace knows. */
    public long keyCount() {
        return keyCount;
    }

    /** Refuses a value of a size the spec does not allow. */
    public void checkValue(final MemorySegment value) {
        final long size = value.byteSize();
        if (size > Integer.MAX_VALUE || !values.allows((int) size)) {
            throw new ValueSizeException(size, allowedValues);
        }
    }

    /** Refuses an rmw initial value that is off-size or too short to hold the counter. */
    public void checkRmwInitial(final MemorySegment initial) {
        checkValue(initial);
        if (initial.byteSize() < COUNTER_BYTES) {
            throw new ValueSizeException(initial.byteSize(), allowedValues + " of at least " + COUNTER_BYTES
                + " bytes for add-u64");
        }
    }

    /** Refuses a key of a length the spec's key format cannot produce. */
    public void checkKey(final MemorySegment key) {
        final long size = key.byteSize();
        if (size < minKeyBytes || size > maxKeyBytes) {
            throw new StoreException("key of " + size + " bytes is outside the spec's key sizes [" + minKeyBytes
                + ", " + maxKeyBytes + "]; send keys of the card's workload.keys format");
        }
    }

    /** The allowed value sizes as a report would print them. */
    public String allowedValues() {
        return allowedValues;
    }

    private static String describe(final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Fixed f -> "{" + f.size() + "}";
            case SizeDistribution.Bimodal b -> "{" + b.small() + ", " + b.large() + "}";
            case SizeDistribution.Uniform u -> "[" + u.min() + ", " + u.max() + "]";
            case SizeDistribution.FromTrace t -> "[" + t.min() + ", " + t.max() + "]";
        };
    }
}
