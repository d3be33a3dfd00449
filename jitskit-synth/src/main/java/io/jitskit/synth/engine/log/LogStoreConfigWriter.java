package io.jitskit.synth.engine.log;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.synth.engine.SourceText;
import java.util.Locale;

/**
 * Writes a larger-than-memory store's {@code StoreConfig}: the design essay as the file's opening comment, then the
 * card's and the design's choices as compile-time constants, which every jitskit-engine log component reads. The
 * fields are those of the in-tree default {@code io.jitskit.engine.log.StoreConfig};
 * {@code LogStoreSourceGeneratorTest} keeps the two declaring the same names and types.
 */
final class LogStoreConfigWriter {

    private LogStoreConfigWriter() {
    }

    static String write(final String pkg, final LogDesign d, final String storeName, final String specName,
                        final String essay) {
        final boolean cached = d.cached();
        final LogFacts f = d.facts();
        final SizeDistribution sizes = f.valueSizes();
        final String policyName = cached ? d.eviction().name().toLowerCase(Locale.ROOT)
            + (d.admission() == LogDesign.Admission.TINY_LFU ? " + W-TinyLFU admission" : "") : "none";
        final boolean range = !(sizes instanceof SizeDistribution.Fixed || sizes instanceof SizeDistribution.Bimodal);
        final StringBuilder b = new StringBuilder();
        b.append(essay);
        if (!essay.endsWith("\n")) {
            b.append('\n');
        }
        b.append("package ").append(pkg).append(";\n\n");
        b.append("/**\n");
        b.append(" * ").append(storeName).append(": the design's choices as compile-time constants.\n");
        b.append(" *\n");
        b.append(" * <p>The engine's components in this package read them; javac inlines them and leaves out the\n");
        b.append(" * branches they rule out.\n");
        b.append(" */\n");
        b.append("final class ").append(EngineSources.CONFIG).append(" {\n\n");
        constant(b, "String", "STORE_NAME", string(storeName));
        constant(b, "String", "SPEC_NAME", string(specName));
        constant(b, "String", "DESIGN", string(d.describe()));
        b.append('\n');
        constant(b, "String", "OPERATIONS", string(SourceText.operations(f.operations())));
        constant(b, "boolean", "SUPPORTS_UPSERT", f.supports(Operation.UPSERT));
        constant(b, "boolean", "SUPPORTS_RMW", f.supports(Operation.RMW));
        constant(b, "boolean", "SUPPORTS_DELETE", f.supports(Operation.DELETE));
        constant(b, "boolean", "SUPPORTS_INSERT", f.supports(Operation.INSERT));
        constant(b, "String", "VALUE_SIZES_TEXT", string(SourceText.sizes(sizes)));
        constant(b, "String", "VALUE_SIZES_ALLOWED_TEXT", string(allowedText(sizes)));
        constant(b, "boolean", "VALUE_SIZES_RANGE", range);
        constant(b, "int", "VALUE_SIZE_MIN", sizes.min());
        constant(b, "int", "VALUE_SIZE_MAX", sizes.max());
        constant(b, "double", "VALUE_SMALL_WEIGHT",
            sizes instanceof SizeDistribution.Bimodal x ? x.smallWeight() : 0.0);
        constant(b, "boolean", "DURABLE", f.durability().isDurable());
        constant(b, "long", "KEY_CAPACITY", d.keyCapacity() + "L");
        b.append('\n');
        constant(b, "int", "MAX_SESSIONS", d.maxSessions());
        constant(b, "int", "MAIN_RING_SESSIONS", f.threads());
        constant(b, "long", "MAIN_RING_BYTES", d.mainRingBytes() + "L");
        constant(b, "long", "SMALL_RING_BYTES", d.smallRingBytes() + "L");
        constant(b, "int", "PAGE_BYTES", d.pageBytes());
        constant(b, "long", "SEGMENT_BYTES", d.segmentBytes() + "L");
        constant(b, "int", "INLINE_MAX", d.inlines() ? LogDesign.MAX_INLINE_BYTES : 0);
        b.append('\n');
        constant(b, "double", "COMPACT_LIVE_FRACTION", d.compactLiveFraction());
        constant(b, "long", "DISK_SLACK_BYTES", d.diskSlackBytes() + "L");
        constant(b, "long", "PLANNED_BYTES", d.plannedBytes() + "L");
        constant(b, "long", "JVM_ALLOWANCE_BYTES", LogDesign.JVM_ALLOWANCE_BYTES + "L");
        b.append('\n');
        constant(b, "long", "INDEX_SLOTS", d.indexSlots() + "L");
        constant(b, "long", "INDEX_MAX_CLAIMED", d.maxClaimedSlots() + "L");
        constant(b, "int", "STRIPES", LogDesign.STRIPES);
        b.append('\n');
        constant(b, "boolean", "CACHED", cached);
        constant(b, "String", "CACHE_POLICY_NAME", string(policyName));
        constant(b, "boolean", "CACHE_CLOCK", cached && d.eviction() == LogDesign.Eviction.CLOCK);
        constant(b, "boolean", "CACHE_TINY_LFU", cached && d.admission() == LogDesign.Admission.TINY_LFU);
        constant(b, "int", "CACHE_SETS", cached ? d.cacheSets() : 1);
        constant(b, "int", "CACHE_WAYS", d.cacheWays());
        constant(b, "int", "CACHE_ENTRY_BYTES", d.cacheEntryBytes());
        constant(b, "int", "SKETCH_LONGS", d.sketchLongs());
        b.append("\n    private ").append(EngineSources.CONFIG).append("() {\n    }\n}\n");
        return b.toString();
    }

    private static String string(final String s) {
        return "\"" + LogStoreSourceGenerator.javaString(s) + "\"";
    }

    private static String allowedText(final SizeDistribution s) {
        return switch (s) {
            case SizeDistribution.Fixed x -> "(exactly " + x.size() + " bytes)";
            case SizeDistribution.Bimodal x -> "(" + x.small() + " or " + x.large() + " bytes)";
            default -> "(" + s.min() + ".." + s.max() + " bytes)";
        };
    }

    private static void constant(final StringBuilder b, final String type, final String name, final Object value) {
        b.append("    static final ").append(type).append(' ').append(name).append(" = ").append(value).append(";\n");
    }
}
