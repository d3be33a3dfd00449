package io.jitskit.baselines.lmdb;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;

/** The shared store contract, on checkpoint cards. */
class LmdbContractTest extends StoreContractTest {

    @Override
    protected StoreProvider provider() {
        return new LmdbProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.checkpoint();
    }
}
