package io.jitskit.baselines.rocksdb;

import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.spec.Durability;
import java.time.Duration;

/** WAL on with a 5 ms group commit; recovery by WAL replay, serials batched with every write. */
class RocksDbCommitSmokeTest extends BaselineSmokeTest {

    @Override
    protected StoreProvider provider() {
        return new RocksDbProvider();
    }

    @Override
    protected Durability recoveryDurability() {
        return Durability.commit(Duration.ofMillis(5));
    }

    @Override
    protected Durability declinedDurability() {
        return null;
    }
}
