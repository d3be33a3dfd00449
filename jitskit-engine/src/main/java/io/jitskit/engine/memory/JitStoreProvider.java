package io.jitskit.engine.memory;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Opens {@link JitStore}, the in-memory store of {@code StoreConfig.SPEC_NAME}. It serves any card whose key format,
 * value sizes, operations and durability match the ones in its config and whose data fits the card's usable budget;
 * {@link #unsupportedReason} says in one line, with figures, why not otherwise.
 */
public final class JitStoreProvider implements StoreProvider {

    /** The operations built in: read and upsert always, the others as the config says. */
    static final Set<Operation> SUPPORTED = supported();

    public JitStoreProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    private static Set<Operation> supported() {
        final Set<Operation> ops = EnumSet.of(Operation.READ, Operation.UPSERT);
        if (StoreConfig.RMW) {
            ops.add(Operation.RMW);
        }
        if (StoreConfig.DELETE) {
            ops.add(Operation.DELETE);
        }
        if (StoreConfig.INSERT) {
            ops.add(Operation.INSERT);
        }
        return Set.copyOf(ops);
    }

    @Override
    public String name() {
        return JitStore.NAME;
    }

    @Override
    public String description() {
        return "in-memory store generated for " + StoreConfig.SPEC_NAME + ": " + JitStore.DESIGN;
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final Spec spec = context.spec();
        final var workload = spec.workload();
        if (StoreConfig.VARIABLE_KEYS) {
            if (!(workload.keyFormat() instanceof KeyFormat.Variable v && StoreConfig.KEY_SIZES.covers(v.sizes()))) {
                return "workload.keys.format: this store keeps variable-length keys of " + StoreConfig.KEY_SIZES_TEXT
                    + "; the card has " + workload.keyFormat() + "; regenerate the store for this card";
            }
        } else if (!(workload.keyFormat() instanceof KeyFormat.Id8)) {
            return "workload.key_format: this store keeps 8-byte id keys; the card has " + workload.keyFormat();
        }
        if (!StoreConfig.VALUE_SIZES.covers(workload.valueSizes())) {
            return "workload.values: this store was generated for " + StoreConfig.VALUE_SIZES_TEXT + "; the card has "
                + workload.valueSizes() + "; regenerate the store for this card";
        }
        if (workload.keyCount() > StoreConfig.KEY_CAPACITY) {
            return "workload.keys: the card has " + workload.keyCount() + " keys; this store's index was sized for "
                + StoreConfig.KEY_CAPACITY + "; regenerate the store for this card";
        }
        for (final Operation op : spec.requirements().operations()) {
            if (!SUPPORTED.contains(op)) {
                return "requirements.operations: " + op.cardName() + " is not built into this store (it serves "
                    + StoreConfig.OPERATIONS_TEXT + "); regenerate the store for this card";
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
        final long values = (long) Math.ceil(workload.keyCount() * StoreConfig.SLAB_BYTES_PER_KEY);
        final long need = StoreConfig.TABLE_BYTES + values;
        final long usable = spec.environment().usableBytes();
        if (need > usable) {
            return String.format(Locale.ROOT, "data does not fit the usable budget: %,d keys need %,d bytes (index"
                    + " %,d + slab values %,d) > usable %,d (budget %,d less headroom %.2f); use the larger-than-memory"
                    + " engine or raise environment.memory_budget",
                workload.keyCount(), need, StoreConfig.TABLE_BYTES, values, usable,
                spec.environment().memoryBudgetBytes(), spec.environment().headroom());
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
