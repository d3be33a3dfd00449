package io.jitskit.baselines.chronicle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.spec.Durability;
import org.junit.jupiter.api.Test;

/** Runs with ChronicleMapProvider.JVM_ARGS (set in this module's surefire argLine). */
class ChronicleMapSmokeTest extends BaselineSmokeTest {

    @Override
    protected StoreProvider provider() {
        return new ChronicleMapProvider();
    }

    @Override
    protected Durability recoveryDurability() {
        return Durability.none();
    }

    @Override
    protected Durability declinedDurability() {
        return Durability.checkpoint();
    }

    @Test
    void theTestJvmCarriesTheFlagsTheProviderDocuments() {
        assertTrue(ChronicleMapProvider.flagsPresent(), "surefire argLine must match ChronicleMapProvider.JVM_ARGS");
    }
}
