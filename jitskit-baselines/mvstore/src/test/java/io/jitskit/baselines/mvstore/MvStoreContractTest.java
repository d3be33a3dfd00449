package io.jitskit.baselines.mvstore;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;

/** The shared store contract, on checkpoint cards. */
class MvStoreContractTest extends StoreContractTest {

    @Override
    protected StoreProvider provider() {
        return new MvStoreProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.checkpoint();
    }
}
