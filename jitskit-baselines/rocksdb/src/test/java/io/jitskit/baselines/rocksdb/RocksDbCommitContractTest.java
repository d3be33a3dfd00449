package io.jitskit.baselines.rocksdb;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;
import java.time.Duration;

/** The shared store contract with the WAL on and a 5 ms group commit. */
class RocksDbCommitContractTest extends StoreContractTest {

    @Override
    protected StoreProvider provider() {
        return new RocksDbProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.commit(Duration.ofMillis(5));
    }
}
