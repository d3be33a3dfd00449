package io.jitskit.baselines.chm;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.Fit;
import io.jitskit.spec.Durability;

/** Opens {@link ChmStore}s: store name {@code chm}. */
public final class ChmProvider implements StoreProvider {

    public static final String NAME = "chm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ConcurrentHashMap of copied byte arrays: the naive Java store, in memory, durability none";
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        final String durability = Fit.durability(NAME, context, Durability.none(),
            "a heap map has no persistent state to recover");
        if (durability != null) {
            return durability;
        }
        final long keys = context.spec().workload().keyCount();
        final double perEntry = ChmStore.entryBytes(context.spec());
        return Fit.memory(NAME, context, (long) (keys * perEntry),
            keys + " keys x " + Math.round(perEntry) + " B per entry (node, boxed key, array header, value, table)");
    }

    @Override
    public Store open(final StoreContext context) {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        return new ChmStore(NAME, context);
    }
}
