package io.jitskit.baselines.chm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.BaselineSmokeTest;
import io.jitskit.baselines.common.TestSpecs;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import org.junit.jupiter.api.Test;

class ChmSmokeTest extends BaselineSmokeTest {

    @Override
    protected StoreProvider provider() {
        return new ChmProvider();
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
    void aKeySetLargerThanTheUsableBudgetIsDeclinedWithTheFigures() {
        final var spec = TestSpecs.spec("ltm", dir, 10_000_000, new SizeDistribution.Fixed(100), Durability.none(),
            512 * TestSpecs.MIB);
        final String reason = provider().unsupportedReason(new StoreContext(spec, dir));
        assertNotNull(reason);
        assertTrue(reason.contains("MiB"), reason);
    }
}
