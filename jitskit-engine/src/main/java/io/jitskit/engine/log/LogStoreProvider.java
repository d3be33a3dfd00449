package io.jitskit.engine.log;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Opens {@link LogStore}, the larger-than-memory store generated for the spec its {@code StoreConfig} names. It
 * serves any card whose key format, value sizes, operations and durability match the ones baked into it, whose key
 * count fits the index, and whose usable budget holds the planned memory; {@link #unsupportedReason} says why not
 * otherwise.
 */
public final class LogStoreProvider implements StoreProvider {

    /** Value sizes the store was generated for; other cards need a regenerated store. */
    static final SizeDistribution VALUE_SIZES = valueSizes();
    static final Set<Operation> SUPPORTED = supported();
    static final long KEY_CAPACITY = StoreConfig.KEY_CAPACITY;
    /** Index + rings + cache + buffers, as planned: the store's own memory. */
    static final long PLANNED_BYTES = StoreConfig.PLANNED_BYTES;
    /** What the JVM itself keeps resident (heap, code, metaspace), reserved out of the usable budget. */
    static final long JVM_ALLOWANCE_BYTES = StoreConfig.JVM_ALLOWANCE_BYTES;

    public LogStoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return LogStore.NAME;
    }

    @Override
    public String description() {
        return "larger-than-memory log store generated for " + StoreConfig.SPEC_NAME + ": " + LogStore.DESIGN;
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final Spec spec = context.spec();
        final var workload = spec.workload();
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return "environment: this store does its file I/O through Linux libc (O_DIRECT, posix_fadvise)";
        }
        if (!(workload.keyFormat() instanceof KeyFormat.Id8)) {
            return "workload.keys.format: this store keeps full 8-byte id keys in its index slots; variable-length "
                + "keys are not supported by the log engine";
        }
        if (!VALUE_SIZES.covers(workload.valueSizes())) {
            return "workload.values: this store was generated for " + LogStore.VALUE_SIZES_TEXT + "; the card has "
                + workload.valueSizes() + "; regenerate the store for this card";
        }
        if (workload.keyCount() > KEY_CAPACITY) {
            return "workload.keys: the card has " + workload.keyCount() + " keys; this store's index was sized for "
                + KEY_CAPACITY + "; regenerate the store for this card";
        }
        for (final Operation op : spec.requirements().operations()) {
            if (!SUPPORTED.contains(op)) {
                return "requirements.operations: " + op.cardName() + " is not built into this store (it serves "
                    + LogStore.OPERATIONS + "); regenerate the store for this card";
            }
        }
        final Durability required = spec.requirements().durability();
        if (required.level() == Durability.Level.COMMIT || !LogStore.DURABILITY.satisfies(required)) {
            return "requirements.durability: this store provides " + LogStore.DURABILITY.level() + ", the card "
                + "requires " + required.level() + (required.level() == Durability.Level.COMMIT
                    ? " (group commit is not built by the log engine)" : "; regenerate the store for this card");
        }
        if (spec.environment().threads() > LogStore.MAX_SESSIONS) {
            return "environment.threads: " + spec.environment().threads() + " workers exceed the store's "
                + LogStore.MAX_SESSIONS + " session slots";
        }
        final long usable = spec.environment().usableBytes();
        if (PLANNED_BYTES + JVM_ALLOWANCE_BYTES > usable) {
            return String.format(Locale.ROOT, "environment.memory_budget: the store plans %,d bytes plus a %,d-byte "
                    + "JVM allowance, over the usable %,d (budget %,d less headroom %.2f); regenerate for this card",
                PLANNED_BYTES, JVM_ALLOWANCE_BYTES, usable, spec.environment().memoryBudgetBytes(),
                spec.environment().headroom());
        }
        return null;
    }

    private static SizeDistribution valueSizes() {
        final int min = StoreConfig.VALUE_SIZE_MIN;
        final int max = StoreConfig.VALUE_SIZE_MAX;
        // A trace's bounds allow what a uniform range does: covers() reads the allowed sizes only.
        if (StoreConfig.VALUE_SIZES_RANGE) {
            return new SizeDistribution.Uniform(min, max);
        }
        return min == max ? new SizeDistribution.Fixed(min)
            : new SizeDistribution.Bimodal(min, max, StoreConfig.VALUE_SMALL_WEIGHT);
    }

    private static Set<Operation> supported() {
        final Set<Operation> ops = EnumSet.of(Operation.READ);
        if (StoreConfig.SUPPORTS_UPSERT) {
            ops.add(Operation.UPSERT);
        }
        if (StoreConfig.SUPPORTS_RMW) {
            ops.add(Operation.RMW);
        }
        if (StoreConfig.SUPPORTS_DELETE) {
            ops.add(Operation.DELETE);
        }
        if (StoreConfig.SUPPORTS_INSERT) {
            ops.add(Operation.INSERT);
        }
        return Set.copyOf(ops);
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new StoreException(name() + " cannot serve spec " + context.spec().name() + ": " + reason);
        }
        return new LogStore(context);
    }
}
