package io.jitskit.stores.noop;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;

/**
 * Opens {@link NoopStore}s under the name {@value NoopStore#NAME}. It accepts every spec, durable ones included, so
 * that the harness ceiling can be measured on the real benchmark specs; its {@link io.jitskit.api.StoreInfo} says it
 * gives durability {@code none}, and reports must show that beside its numbers.
 */
public final class NoopStoreProvider implements StoreProvider {

    @Override
    public String name() {
        return NoopStore.NAME;
    }

    @Override
    public String description() {
        return "keeps nothing: measures the harness's own ceiling; fails every correctness check by design";
    }

    @Override
    public boolean keepsNothing() {
        return true;
    }

    @Override
    public Store open(final StoreContext context) {
        return new NoopStore();
    }
}
