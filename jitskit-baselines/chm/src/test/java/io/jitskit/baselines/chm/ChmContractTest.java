package io.jitskit.baselines.chm;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;

/** The shared store contract, on cards with durability none (all it serves). */
class ChmContractTest extends StoreContractTest {

    @Override
    protected StoreProvider provider() {
        return new ChmProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.none();
    }
}
