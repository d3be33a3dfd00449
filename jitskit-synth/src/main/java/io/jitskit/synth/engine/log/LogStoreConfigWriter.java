package io.jitskit.synth.engine.log;

import io.jitskit.engine.EngineSources;

/**
 * Writes a larger-than-memory store's {@code StoreConfig}: the design's choices as compile-time constants, which the
 * jitskit-engine log components ({@code Layout}, {@code HashIndex}, {@code ReadCache}) read. The fields are those of
 * the in-tree default {@code io.jitskit.engine.log.StoreConfig}; {@code LogStoreSourceGeneratorTest} keeps the two
 * declaring the same names and types.
 */
final class LogStoreConfigWriter {

    private LogStoreConfigWriter() {
    }

    static String write(final String pkg, final LogDesign d, final String storeName, final String policyName) {
        final boolean cached = d.cached();
        final StringBuilder b = new StringBuilder();
        b.append("package ").append(pkg).append(";\n\n");
        b.append("/**\n");
        b.append(" * ").append(storeName).append(": the design's choices as compile-time constants.\n");
        b.append(" *\n");
        b.append(" * <p>The engine's components in this package read them; javac inlines them and leaves out the\n");
        b.append(" * branches they rule out.\n");
        b.append(" */\n");
        b.append("final class ").append(EngineSources.CONFIG).append(" {\n\n");
        constant(b, "String", "STORE_NAME", "\"" + LogStoreSourceGenerator.javaString(storeName) + "\"");
        b.append('\n');
        constant(b, "long", "INDEX_SLOTS", d.indexSlots() + "L");
        constant(b, "long", "INDEX_MAX_CLAIMED", d.maxClaimedSlots() + "L");
        constant(b, "int", "STRIPES", LogDesign.STRIPES);
        b.append('\n');
        constant(b, "String", "CACHE_POLICY_NAME", "\"" + LogStoreSourceGenerator.javaString(policyName) + "\"");
        constant(b, "boolean", "CACHE_CLOCK", cached && d.eviction() == LogDesign.Eviction.CLOCK);
        constant(b, "boolean", "CACHE_TINY_LFU", cached && d.admission() == LogDesign.Admission.TINY_LFU);
        constant(b, "int", "CACHE_SETS", cached ? d.cacheSets() : 1);
        constant(b, "int", "CACHE_WAYS", d.cacheWays());
        constant(b, "int", "CACHE_ENTRY_BYTES", d.cacheEntryBytes());
        constant(b, "int", "SKETCH_LONGS", d.sketchLongs());
        b.append("\n    private ").append(EngineSources.CONFIG).append("() {\n    }\n}\n");
        return b.toString();
    }

    private static void constant(final StringBuilder b, final String type, final String name, final Object value) {
        b.append("    static final ").append(type).append(' ').append(name).append(" = ").append(value).append(";\n");
    }
}
