package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCompilerTest {

    @TempDir
    Path work;

    @Test
    void everyFlagCombinationCompilesWarningFreeAndLoadsInTheIsolatedLoader() throws Exception {
        final List<Spec> specs = List.of(
            Cards.spec("fixed-none", 1000, new SizeDistribution.Fixed(100), Cards.ALL_OPS, Durability.none(), Cards.GIB),
            Cards.spec("bimodal-ckpt", 1000, new SizeDistribution.Bimodal(20, 200, 0.9), Cards.ALL_OPS,
                Durability.checkpoint(), Cards.GIB),
            Cards.spec("uniform-commit", 1000, new SizeDistribution.Uniform(8, 300), Cards.ALL_OPS,
                Durability.commit(Duration.ofMillis(10)), Cards.GIB));
        final List<String> failures = new ArrayList<>();
        for (final Spec spec : specs) {
            final Design initial = Design.initial(spec);
            final List<Design> designs = new ArrayList<>();
            designs.add(initial);
            designs.add(initial.withInlineValues(false).withShards(2).withIndexing(Design.Indexing.FASTRANGE));
            for (final Design d : designs) {
                final CompiledStore c = StoreCompiler.compile(StoreSourceGenerator.generate(spec, d), work);
                if (!c.success()) {
                    failures.add(spec.name() + " / " + d.describe() + ":\n  " + String.join("\n  ", c.diagnostics()));
                    continue;
                }
                final StoreProvider p = c.load();
                assertEquals(c.storeName(), p.name());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aCompileErrorComesBackAsFileLineDiagnosticsNotAnException() throws Exception {
        final Spec spec = Cards.spec("broken", 100, new SizeDistribution.Fixed(8), Cards.ALL_OPS, Durability.none(),
            Cards.GIB);
        final GeneratedStore good = StoreSourceGenerator.generate(spec, Design.initial(spec));
        final java.util.Map<String, String> sources = new java.util.HashMap<>(good.sources());
        final String layout = sources.keySet().stream().filter(k -> k.endsWith("/SlotLayout.java")).findFirst()
            .orElseThrow();
        sources.put(layout, sources.get(layout).replace("static final int SLOT_BYTES", "static final int SLOT_BYTES ="
            + " oops;\n    static final int UNUSED"));
        final GeneratedStore broken = new GeneratedStore(good.storeName(), good.packageName(),
            good.providerClassName(), sources, good.designLine());
        final CompiledStore c = StoreCompiler.compile(broken, work);
        assertFalse(c.success());
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.matches(".*SlotLayout\\.java:\\d+: error: .*")),
            String.join("\n", c.diagnostics()));
    }

    @Test
    void aBatchCompilesEveryStoreIntoItsOwnJarAndReportsABrokenStoreAgainstItself() throws Exception {
        final Spec spec = Cards.spec("batch", 1000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.checkpoint(), Cards.GIB);
        final Design initial = Design.initial(spec);
        // The store name shows neither the slab page nor the claim stripes: a batch keeps such stores apart anyway.
        final GeneratedStore a = StoreSourceGenerator.generate(spec, initial);
        final GeneratedStore b = StoreSourceGenerator.generate(spec, initial.withClaimStripes(64));
        assertEquals(a.storeName(), b.storeName(), "the premise: one store name");
        final List<CompiledStore> good = StoreCompiler.compileAll(List.of(a, b), work.resolve("good"));
        assertEquals(2, good.size());
        for (final CompiledStore c : good) {
            assertTrue(c.success(), String.join("\n", c.diagnostics()));
            assertEquals(c.storeName(), c.load().name());
        }
        assertNotEquals(good.get(0).jar(), good.get(1).jar());
        assertNotEquals(good.get(0).providerClassName(), good.get(1).providerClassName());

        final java.util.Map<String, String> sources = new java.util.HashMap<>(b.sources());
        final String layout = sources.keySet().stream().filter(k -> k.endsWith("/SlotLayout.java")).findFirst()
            .orElseThrow();
        sources.put(layout, sources.get(layout).replace("static final int SLOT_BYTES", "static final int SLOT_BYTES ="
            + " oops;\n    static final int UNUSED"));
        final GeneratedStore broken = new GeneratedStore(b.storeName(), b.packageName(), b.providerClassName(),
            sources, b.designLine());
        final List<CompiledStore> mixed = StoreCompiler.compileAll(List.of(a, broken), work.resolve("mixed"));
        assertTrue(mixed.get(0).success(), "the good store of a failed batch still compiles");
        assertFalse(mixed.get(1).success());
        assertTrue(mixed.get(1).diagnostics().stream().anyMatch(d -> d.matches(".*SlotLayout\\.java:\\d+: error: .*")),
            String.join("\n", mixed.get(1).diagnostics()));
    }

    @Test
    void designsThatRoundToTheSameTableHaveOneRealizationAndARealChangeAnother() throws Exception {
        final Spec spec = Cards.spec("realization", 1000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.checkpoint(), Cards.GIB);
        final Design initial = Design.initial(spec).withIndexing(Design.Indexing.POWER_OF_TWO);
        // 1000 keys at load 0.7 and at 0.6 both round up to the same power-of-two slot count.
        final Design looser = initial.withMaxLoadFactor(0.6);
        assertEquals(initial.slotCount(), looser.slotCount(), "the premise: both round to one table");
        assertNotEquals(initial, looser);
        final CompiledStore a = compileIn(spec, initial, "a");
        final CompiledStore b = compileIn(spec, looser, "b");
        final CompiledStore c = compileIn(spec, initial.withShards(2), "c");
        assertNotEquals(a.providerClassName(), b.providerClassName(), "the package differs with the knobs");
        assertEquals(a.realization(), b.realization(), "same generated code, same store");
        assertNotEquals(a.realization(), c.realization(), "two shards are another store");
    }

    private CompiledStore compileIn(final Spec spec, final Design d, final String dir) throws Exception {
        final CompiledStore c = StoreCompiler.compile(StoreSourceGenerator.generate(spec, d), work.resolve(dir));
        assertTrue(c.success(), String.join("\n", c.diagnostics()));
        return c;
    }
}
