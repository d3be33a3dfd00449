package io.jitskit.baselines.rocksdb;

import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.spec.Durability;

/** WAL off; recovery from a published RocksDB Checkpoint. */
class RocksDbSmokeTest extends BaselineSmokeTest {

    @Override
    protected StoreProvider provider() {
        return new RocksDbProvider();
    }

    @Override
    protected Durability recoveryDurability() {
        return Durability.checkpoint();
    }

    @Override
    protected Durability declinedDurability() {
        return null;
    }
}
