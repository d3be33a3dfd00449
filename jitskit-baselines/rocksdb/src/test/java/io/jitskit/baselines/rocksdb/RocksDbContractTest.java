package io.jitskit.baselines.rocksdb;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;

/** The shared store contract, on checkpoint cards. */
class RocksDbContractTest extends StoreContractTest {

    @Override
    protected StoreProvider provider() {
        return new RocksDbProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.checkpoint();
    }
}
