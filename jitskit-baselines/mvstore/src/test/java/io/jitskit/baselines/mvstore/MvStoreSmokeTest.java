package io.jitskit.baselines.mvstore;

import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.spec.Durability;

/** Commit + sync at checkpoint; recovery of the last committed version. */
class MvStoreSmokeTest extends BaselineSmokeTest {

    @Override
    protected StoreProvider provider() {
        return new MvStoreProvider();
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
