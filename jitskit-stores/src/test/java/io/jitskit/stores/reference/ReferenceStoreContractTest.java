package io.jitskit.stores.reference;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The reference store through the whole contract suite, once per durability level. */
class ReferenceStoreContractTest {

    @Nested
    class WithoutDurability extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return new ReferenceStoreProvider();
        }

        @Override
        protected Durability durability() {
            return Durability.none();
        }
    }

    @Nested
    class WithCheckpoints extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return new ReferenceStoreProvider();
        }

        @Override
        protected Durability durability() {
            return Durability.checkpoint();
        }
    }

    @Nested
    class WithGroupCommit extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return new ReferenceStoreProvider();
        }

        @Override
        protected Durability durability() {
            return Durability.commit(Duration.ofMillis(10));
        }
    }
}
