package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates, compiles and loads stores for tests, once per (spec, design) per test JVM: the jar goes through
 * {@code StoreFactory.fromJar}, so tests exercise exactly what the harness loads.
 */
final class StoreFixture {

    static final ValueLayout.OfLong LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final Map<String, StoreProvider> PROVIDERS = new ConcurrentHashMap<>();
    private static final Path WORK;

    static {
        try {
            WORK = Files.createTempDirectory("jitskit-synth-stores");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoreFixture() {
    }

    static StoreProvider provider(final Spec spec, final Design design) {
        return PROVIDERS.computeIfAbsent(spec.name() + "|" + design, k -> {
            try {
                final CompiledStore c = StoreCompiler.compile(StoreSourceGenerator.generate(spec, design), WORK);
                assertTrue(c.success(), () -> design.describe() + "\n" + String.join("\n", c.diagnostics()));
                return c.load();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            } catch (final StoreLoadException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        });
    }

    static Store open(final Spec spec, final Design design, final Path dir) throws IOException {
        return provider(spec, design).open(new StoreContext(spec, dir));
    }

    static MemorySegment key(final Arena arena, final long k) {
        final MemorySegment s = arena.allocate(8);
        s.set(LE, 0, k);
        return s;
    }
}
