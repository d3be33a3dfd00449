package io.jitskit.stores.reference;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.io.IOException;

/** Opens {@link ReferenceStore}s under the name {@value ReferenceStore#NAME}. */
public final class ReferenceStoreProvider implements StoreProvider {

    @Override
    public String name() {
        return ReferenceStore.NAME;
    }

    @Override
    public String description() {
        return "the oracle: a concurrent map plus a checksummed durable log; correct, simple and slow by design";
    }

    /**
     * Heap bytes one entry costs beyond its key and value bytes: the map node, the key wrapper and two array headers
     * (measured shape of a {@code ConcurrentHashMap} entry on a 64-bit JVM with compressed references).
     */
    static final long ENTRY_OVERHEAD_BYTES = 96;

    /**
     * The reference serves every operation, durability level, key and value format; what it cannot do is spill: every
     * value lives on the heap. A card whose data cannot fit the usable budget that way is declined with the figures,
     * rather than run into certain failure of the budget check.
     */
    @Override
    public String unsupportedReason(final StoreContext context) {
        final var env = context.spec().environment();
        final var w = context.spec().workload();
        final long keys = w.keyCount();
        if (keys <= 0) {
            return null; // a trace: the key count is known only once it is read
        }
        final double entry = w.valueSizes().mean() + w.keyFormat().maxBytes() + ENTRY_OVERHEAD_BYTES;
        final double need = keys * entry;
        if (need > env.usableBytes()) {
            return String.format(java.util.Locale.ROOT, "the reference keeps every value on the heap: %,d keys x %.0f "
                + "B = %.1f MiB > usable %.1f MiB (budget less headroom); raise environment.memory-budget to bench it",
                keys, entry, need / 1048576, env.usableBytes() / 1048576.0);
        }
        return null;
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        return ReferenceStore.open(context);
    }
}
