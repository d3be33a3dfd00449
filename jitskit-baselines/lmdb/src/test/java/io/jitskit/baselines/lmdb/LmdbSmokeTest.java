package io.jitskit.baselines.lmdb;

import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.spec.Durability;

/** Sync at checkpoint; recovery of whatever LMDB committed, with the serials committed beside it. */
class LmdbSmokeTest extends BaselineSmokeTest {

    @Override
    protected StoreProvider provider() {
        return new LmdbProvider();
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
