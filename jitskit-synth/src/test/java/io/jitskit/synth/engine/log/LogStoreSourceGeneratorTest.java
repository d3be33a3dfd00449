package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The coder's output: deterministic, essay on top of its config, and a jar the isolated store loader accepts. */
class LogStoreSourceGeneratorTest {

    @Test
    void sameSpecAndDesignGiveByteIdenticalSources() {
        final Spec spec = LogStoreFixture.spec("det", 50_000, new SizeDistribution.Fixed(100), LogStoreFixture.ALL_OPS,
            Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, Path.of("/tmp/x"));
        final LogDesign d = LogDesign.initial(spec);
        assertEquals(LogStoreSourceGenerator.generate(spec, d).sources(),
            LogStoreSourceGenerator.generate(spec, d).sources());
    }

    @Test
    void theGeneratedConfigDeclaresTheDefaultConfigsConstants() throws Exception {
        final Map<String, String> defaults = new TreeMap<>();
        for (final Field f : Class.forName(EngineSources.LOG_PACKAGE + "." + EngineSources.CONFIG).getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && !f.isSynthetic()) {
                defaults.put(f.getName(), f.getType().getSimpleName());
            }
        }
        for (final SizeDistribution sizes : List.of(new SizeDistribution.Fixed(100), new SizeDistribution.Uniform(1,
            300))) {
            final Spec spec = LogStoreFixture.spec("config", 50_000, sizes, LogStoreFixture.ALL_OPS,
                Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, Path.of("/tmp/x"));
            final String config = LogStoreSourceGenerator.generate(spec, LogDesign.initial(spec))
                .source(EngineSources.CONFIG + ".java");
            final Map<String, String> generated = new TreeMap<>();
            final Matcher m = Pattern.compile("(?m)^    static final (\\w+) (\\w+) = ").matcher(config);
            while (m.find()) {
                generated.put(m.group(2), m.group(1));
            }
            assertEquals(defaults, generated, config);
        }
    }

    @Test
    void theStoreOpensWithTheDesignEssayInItsSections() {
        final Spec spec = LogStoreFixture.spec("essay", 50_000, new SizeDistribution.Fixed(100),
            LogStoreFixture.ALL_OPS, Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, Path.of("/tmp/x"));
        final String store = LogStoreSourceGenerator.generate(spec, LogDesign.initial(spec))
            .source(EngineSources.CONFIG + ".java");
        for (final String section : new String[] {"Layout", "Concurrency", "Durability & recovery",
            "Spec-card fields exploited", "Assumptions & guarantees", "References"}) {
            assertTrue(store.contains(" * " + section + "\n"), () -> "essay lacks section " + section + ":\n"
                + store.substring(0, Math.min(store.length(), 4000)));
        }
        assertTrue(store.startsWith("/*"), "the essay is the first thing in the file");
    }

    @Test
    void generatedStoreCompilesWarningFreeAndLoadsInIsolation() {
        final Spec spec = LogStoreFixture.spec("compiles", 50_000, new SizeDistribution.Uniform(1, 300),
            LogStoreFixture.ALL_OPS, Durability.none(), LogStoreFixture.SPILLING_BUDGET, Path.of("/tmp/x"));
        assertTrue(LogStoreFixture.provider(spec).name().startsWith("jit-log-compiles-"));
    }
}
