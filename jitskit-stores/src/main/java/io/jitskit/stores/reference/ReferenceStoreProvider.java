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

    /** The reference serves every spec: every operation, every durability level, every key and value format. */
    @Override
    public String unsupportedReason(final StoreContext context) {
        return null;
    }

    @Override
    public Store open(final StoreContext context) throws IOException {
        return ReferenceStore.open(context);
    }
}
