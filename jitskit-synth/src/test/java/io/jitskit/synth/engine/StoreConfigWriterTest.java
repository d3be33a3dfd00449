package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.engine.EngineSources;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StoreConfigWriterTest {

    private static final Pattern CONSTANT = Pattern.compile("(?m)^    static final (\\w+) (\\w+) = ");

    @Test
    void everyGeneratedConfigDeclaresTheDefaultConfigsConstants() throws Exception {
        final Map<String, String> defaults = new TreeMap<>();
        final Class<?> config = Class.forName(EngineSources.MEMORY_PACKAGE + "." + EngineSources.CONFIG);
        for (final Field f : config.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && !f.isSynthetic()) {
                defaults.put(f.getName(), f.getType().getSimpleName());
            }
        }
        Stream.concat(Variants.layouts().stream(), Variants.durable().stream()).forEach(v -> {
            final GeneratedStore store = StoreSourceGenerator.generate(v.spec(), v.design());
            final String source = store.source(EngineSources.CONFIG + ".java");
            final Map<String, String> generated = new TreeMap<>();
            final Matcher m = CONSTANT.matcher(source);
            while (m.find()) {
                generated.put(m.group(2), m.group(1));
            }
            assertEquals(defaults, generated, v.name() + ": the generated StoreConfig and the in-tree default differ");
            assertTrue(source.contains("static int[] slabChunkBytes()"), v.name());
            assertTrue(source.contains(" * slot (" + v.design().slotBytes() + " bytes"), v.name() + " draws its slot");
        });
    }

    @Test
    void aConfigSaysWhatItsDesignChose() {
        final Variants.Variant hybrid = Variants.layouts().get(2);
        final String source = StoreSourceGenerator.generate(hybrid.spec(), hybrid.design()).source("StoreConfig.java");
        assertTrue(source.contains("static final boolean SOME_INLINE = true;"), source);
        assertTrue(source.contains("static final boolean SLAB = true;"), source);
        assertTrue(source.contains("static final int SLAB_EXACT_FIRST_SIZE = 200;"), "bimodal 20/200 with 20 inline: "
            + "one exact class for 200 bytes\n" + source);
        final Variants.Variant inline = Variants.layouts().get(0);
        final String inlineSource = StoreSourceGenerator.generate(inline.spec(), inline.design())
            .source("StoreConfig.java");
        assertTrue(inlineSource.contains("static final int SLAB_CLASSES = 0;"), inlineSource);
        assertTrue(inlineSource.contains("static final int LOG_RING_BYTES = 0;"), "no commit log, no ring");
    }
}
