package io.jitskit.generated.golden_mem_hybrid.d58b6fcb5;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Opens {@link JitStore}, the store generated for spec {@code golden-mem-hybrid}. It serves any card whose key format,
 * value sizes, operations and durability match the ones baked into it and whose data fits the card's usable budget;
 * {@link #unsupportedReason} says in one line, with figures, why not otherwise.
 */
public final class JitStoreProvider implements StoreProvider {

    /** Value sizes the store was generated for; a card allowing others needs a regenerated store. */
    static final SizeDistribution VALUE_SIZES = new SizeDistribution.Bimodal(16, 120, 0.8);
    static final Set<Operation> SUPPORTED = EnumSet.of(Operation.READ, Operation.UPSERT, Operation.RMW, Operation.DELETE, Operation.INSERT);
    static final long KEY_CAPACITY = 2250L;
    static final long TABLE_BYTES = 102912L;
    /** Expected slab bytes per key (size classes and allocator slack included). */
    static final double SLAB_BYTES_PER_KEY = 26.400;

    public JitStoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return JitStore.NAME;
    }

    @Override
    public String description() {
        return "in-memory store generated for golden-mem-hybrid: " + JitStore.DESIGN;
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final Spec spec = context.spec();
        final var workload = spec.workload();
        if (!(workload.keyFormat() instanceof KeyFormat.Id8)) {
            return "workload.key_format: this store keeps 8-byte id keys; the card has " + workload.keyFormat();
        }
        if (!VALUE_SIZES.covers(workload.valueSizes())) {
            return "workload.values: this store was generated for " + JitStore.VALUE_SIZES_TEXT + "; the card has "
                + workload.valueSizes() + "; regenerate the store for this card";
        }
        if (workload.keyCount() > KEY_CAPACITY) {
            return "workload.keys: the card has " + workload.keyCount() + " keys; this store's index was sized for "
                + KEY_CAPACITY + "; regenerate the store for this card";
        }
        for (final Operation op : spec.requirements().operations()) {
            if (!SUPPORTED.contains(op)) {
                return "requirements.operations: " + op.cardName() + " is not built into this store (it serves "
                    + JitStore.OPERATIONS + "); regenerate the store for this card";
            }
        }
        if (!JitStore.DURABILITY.satisfies(spec.requirements().durability())) {
            return "requirements.durability: this store provides " + JitStore.DURABILITY + ", the card requires "
                + spec.requirements().durability() + "; regenerate the store for this card";
        }
        if (spec.environment().threads() > JitStore.MAX_SESSIONS) {
            return "environment.threads: " + spec.environment().threads() + " workers exceed the store's "
                + JitStore.MAX_SESSIONS + " session slots";
        }
        final long values = (long) Math.ceil(workload.keyCount() * SLAB_BYTES_PER_KEY);
        final long need = TABLE_BYTES + values;
        final long usable = spec.environment().usableBytes();
        if (need > usable) {
            return String.format(Locale.ROOT, "data does not fit the usable budget: %,d keys need %,d bytes (index"
                    + " %,d + slab values %,d) > usable %,d (budget %,d less headroom %.2f); use the larger-than-memory"
                    + " engine or raise environment.memory_budget",
                workload.keyCount(), need, TABLE_BYTES, values, usable, spec.environment().memoryBudgetBytes(),
                spec.environment().headroom());
        }
        return null;
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new StoreException(name() + " cannot serve spec " + context.spec().name() + ": " + reason);
        }
        return new JitStore(context);
    }
}
