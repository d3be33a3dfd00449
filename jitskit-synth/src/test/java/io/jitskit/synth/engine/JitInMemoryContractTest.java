package io.jitskit.synth.engine;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.testsupport.StoreContractTest;
import io.jitskit.testsupport.TestSpecs;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/**
 * The project's store contract suite against stores the engine generates: initial designs with checkpoint
 * durability, slab-only designs, and commit durability. The crash drill's child JVM loads the generated jar.
 */
class JitInMemoryContractTest {

    private static final JitInMemoryProvider INITIAL = new JitInMemoryProvider();
    private static final JitInMemoryProvider SLAB = new JitInMemoryProvider(tempDir(),
        spec -> Design.initial(spec).withInlineValues(false).withHugePages(true));

    @Nested
    class InitialDesignsWithCheckpoints extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return INITIAL;
        }

        @Override
        protected String crashDrillProvider() {
            return INITIAL.compiled(TestSpecs.drill(durability(), 32, null)).jar().toString();
        }
    }

    @Nested
    class SlabValuesOnHugePagesWithShadowlessCheckpoints extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return SLAB;
        }

        @Override
        protected String crashDrillProvider() {
            return SLAB.compiled(TestSpecs.drill(durability(), 32, null)).jar().toString();
        }
    }

    @Nested
    class CommitDurability extends StoreContractTest {
        @Override
        protected StoreProvider provider() {
            return INITIAL;
        }

        @Override
        protected Durability durability() {
            return Durability.commit(Duration.ofMillis(5));
        }

        @Override
        protected String crashDrillProvider() {
            return INITIAL.compiled(TestSpecs.drill(durability(), 32, null)).jar().toString();
        }
    }

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("jitskit-jit-slab");
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
