package io.jitskit.synth.engine.log;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * Generated log stores through the whole contract suite, once per durability the engine builds, on 50,000-key uniform
 * cards whose 128 MiB budget leaves the store about 6 MiB after the JVM allowance: no read cache, about 2 MiB of log
 * tails, so the larger tests (the model test, the concurrency test's 80,000 writes) read from disk.
 * The crash drill's child runs the suite's own drill card (1 GiB), for which the engine generates another store.
 */
class LogStoreContractTest {

    static Spec spilling(final Durability durability, final SizeDistribution values, final Path dataDir) {
        return LogStoreFixture.spec(LogStoreFixture.name(durability), 50_000, values, LogStoreFixture.ALL_OPS,
            durability, LogStoreFixture.SPILLING_BUDGET, dataDir, LogStoreFixture.mix(50, 50),
            new KeyDistribution.Uniform());
    }

    @Nested
    class WithoutDurability extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return new SpecDrivenLogStoreProvider();
        }

        @Override
        protected Durability durability() {
            return Durability.none();
        }

        @Override
        protected Spec spec(final SizeDistribution values, final Path dataDir) {
            return spilling(durability(), values, dataDir);
        }
    }

    @Nested
    class WithCheckpoints extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return new SpecDrivenLogStoreProvider();
        }

        @Override
        protected Spec spec(final SizeDistribution values, final Path dataDir) {
            return spilling(durability(), values, dataDir);
        }
    }
}
