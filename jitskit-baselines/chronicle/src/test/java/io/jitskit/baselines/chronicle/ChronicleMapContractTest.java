package io.jitskit.baselines.chronicle;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;

/** The shared store contract, on cards with durability none (all it serves). */
class ChronicleMapContractTest extends StoreContractTest {

    @Override
    protected StoreProvider provider() {
        return new ChronicleMapProvider();
    }

    @Override
    protected Durability durability() {
        return Durability.none();
    }
}
