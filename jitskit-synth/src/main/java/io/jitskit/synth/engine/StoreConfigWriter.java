package io.jitskit.synth.engine;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Writes an in-memory store's {@code StoreConfig}: the design's choices as constants, which the store, its sessions,
 * its provider and the other jitskit-engine components read (see {@code io.jitskit.engine}), headed by the design
 * essay, the design line and the slot drawn with this design's sizes. It is the one file of a store written for its
 * design, so a store opens with it.
 *
 * <p>Constants a design does not use (slab classes without a slab, the log ring without commit logs) are written as
 * zeros, so two designs that differ only in a knob their store ignores still generate the same source. The fields are
 * those of the in-tree default {@code io.jitskit.engine.memory.StoreConfig}; {@code StoreConfigWriterTest} keeps the
 * two declaring the same names and types.
 */
final class StoreConfigWriter {

    private StoreConfigWriter() {
    }

    static String write(final Spec spec, final String pkg, final Design d, final String storeName) {
        final Facts f = d.facts();
        final boolean slab = d.usesSlab();
        final Body b = new Body();
        b.text("/** The store's name, for thread names and messages. */");
        b.constant("String", "STORE_NAME", quoted(storeName));
        b.constant("String", "SPEC_NAME", quoted(spec.name()));
        b.constant("String", "DESIGN", quoted(d.describe()));
        b.blank();
        final SizeDistribution values = f.valueSizes();
        b.constant("SizeDistribution", "VALUE_SIZES", SourceText.sizesExpression(values));
        b.constant("String", "VALUE_SIZES_TEXT", quoted(SourceText.sizes(values)));
        b.constant("int", "VALUE_SIZE_MIN", values.min());
        b.constant("int", "VALUE_SIZE_MAX", values.max());
        b.constant("boolean", "VALUE_SIZES_TWO_POINT", values instanceof SizeDistribution.Bimodal);
        final SizeDistribution keys = f.keySizes();
        b.constant("SizeDistribution", "KEY_SIZES", keys == null ? "null" : SourceText.sizesExpression(keys));
        b.constant("String", "KEY_SIZES_TEXT", quoted(keys == null ? "8-byte ids" : SourceText.sizes(keys)));
        b.constant("int", "KEY_SIZE_MIN", keys == null ? Long.BYTES : keys.min());
        b.constant("int", "KEY_SIZE_MAX", keys == null ? Long.BYTES : keys.max());
        b.constant("boolean", "KEY_SIZES_TWO_POINT", keys instanceof SizeDistribution.Bimodal);
        b.constant("String", "OPERATIONS_TEXT", quoted(SourceText.operations(f.operations())));
        b.constant("Durability", "DURABILITY", durabilityExpression(f.durability()));
        b.constant("long", "KEY_COUNT", f.keyCount() + "L");
        b.constant("long", "KEY_CAPACITY", d.keyCapacity() + "L");
        b.constant("long", "TABLE_BYTES", d.tableBytes() + "L");
        final double slabPerKey = slab
            ? d.slabClasses().expectedChunkBytes(f.slabSizes(), d.inlineBytes()) * Design.SLAB_SLACK : 0;
        b.constant("double", "SLAB_BYTES_PER_KEY", String.format(Locale.ROOT, "%.3f", slabPerKey));
        b.blank();
        b.constant("int", "MAX_SESSIONS", d.maxSessions());
        b.constant("int", "CLAIM_STRIPES", d.claimStripes());
        b.constant("long", "EMPTY_BATCH",
            Math.max(1, Math.min(64, d.maxUsedSlotsPerShard() / (16L * f.threads()))) + "L");
        b.blank();
        b.constant("boolean", "ALL_INLINE", d.allInline());
        b.constant("boolean", "SOME_INLINE", d.someInline());
        b.constant("boolean", "SLAB", slab);
        b.constant("boolean", "VARIABLE_KEYS", f.variableKeys());
        b.blank();
        b.constant("int", "SLOT_BYTES", d.slotBytes());
        b.constant("int", "SLOTS_PER_GROUP", d.slotsPerGroup());
        b.constant("int", "GROUP_BYTES", d.groupBytes());
        b.constant("long", "GROUPS_PER_SHARD", d.groupsPerShard() + "L");
        final boolean pow2 = d.indexing() == Design.Indexing.POWER_OF_TWO;
        b.constant("boolean", "POWER_OF_TWO_INDEX", pow2);
        b.constant("int", "SLOT_BITS", pow2 ? Long.numberOfTrailingZeros(d.groupsPerShard() * d.slotsPerGroup()) : 0);
        b.constant("int", "SHARDS", d.shards());
        b.constant("boolean", "SHARDED", d.shards() > 1);
        b.constant("long", "MAX_USED_SLOTS_PER_SHARD", d.maxUsedSlotsPerShard() + "L");
        b.constant("int", "INLINE_BYTES", d.inlineBytes());
        b.constant("boolean", "HUGE_PAGES", d.hugePages());
        b.blank();
        final SlabClasses c = d.slabClasses();
        final StringJoiner chunks = new StringJoiner(", ");
        if (slab) {
            final int maxChunk = c.chunkBytes().stream().mapToInt(Integer::intValue).max().orElseThrow();
            final long tlab = Math.max(d.slabTlabBytes(), (maxChunk + 4095L) & ~4095L);
            final long page = Math.max(d.slabPageBytes(), Long.highestOneBit(4 * tlab - 1) << 1);
            c.chunkBytes().forEach(n -> chunks.add(Integer.toString(n)));
            b.constant("int", "SLAB_PAGE_SHIFT", Long.numberOfTrailingZeros(page));
            b.constant("long", "SLAB_TLAB_BYTES", tlab + "L");
            b.constant("int", "SLAB_CLASSES", c.count());
            b.constant("boolean", "SLAB_CLASSES_GEOMETRIC", c.kind() == SlabClasses.Kind.GEOMETRIC);
            b.constant("boolean", "SLAB_CLASSES_LINEAR", c.kind() == SlabClasses.Kind.LINEAR);
            b.constant("int", "SLAB_CLASS_BASE", c.kind() == SlabClasses.Kind.EXACT ? 0 : c.base());
            b.constant("int", "SLAB_GRANULE_SHIFT", c.kind() == SlabClasses.Kind.LINEAR
                ? Integer.numberOfTrailingZeros(c.granule()) : 0);
            b.constant("int", "SLAB_EXACT_FIRST_SIZE", c.kind() == SlabClasses.Kind.EXACT ? c.sizes().get(0) : 0);
        } else {
            b.constant("int", "SLAB_PAGE_SHIFT", 0);
            b.constant("long", "SLAB_TLAB_BYTES", "0L");
            b.constant("int", "SLAB_CLASSES", 0);
            b.constant("boolean", "SLAB_CLASSES_GEOMETRIC", false);
            b.constant("boolean", "SLAB_CLASSES_LINEAR", false);
            b.constant("int", "SLAB_CLASS_BASE", 0);
            b.constant("int", "SLAB_GRANULE_SHIFT", 0);
            b.constant("int", "SLAB_EXACT_FIRST_SIZE", 0);
        }
        b.blank();
        b.text("/** Chunk bytes per class; a fresh array per call, so no caller can change another's table. */");
        b.text("static int[] slabChunkBytes() {");
        b.text("    return new int[] {" + chunks + "};");
        b.text("}");
        b.blank();
        b.constant("boolean", "RMW", f.supports(Operation.RMW));
        b.constant("boolean", "DELETE", f.supports(Operation.DELETE));
        b.constant("boolean", "INSERT", f.supports(Operation.INSERT));
        final boolean durable = d.checkpointMode() != Design.CheckpointMode.NONE;
        b.constant("boolean", "DURABLE", durable);
        b.constant("boolean", "SHADOW_CHECKPOINT", d.checkpointMode() == Design.CheckpointMode.QUIESCE_SHADOW);
        b.constant("boolean", "COMMIT_LOG", d.commitLog());
        // Checkpoints and compactions both stop sessions at operation boundaries.
        b.constant("boolean", "QUIESCE", durable || f.supports(Operation.DELETE));
        long ring = 0;
        if (d.commitLog()) {
            final long minRing = Long.highestOneBit(8L * (f.valueSizes().max() + 64) - 1) << 1;
            ring = Math.max(d.logRingBytes(), minRing);
        }
        b.constant("int", "LOG_RING_BYTES", ring);

        return DesignEssay.write(spec, d, storeName) + "\n"
            + "package " + pkg + ";\n\n"
            + "import io.jitskit.spec.Durability;\n"
            + "import io.jitskit.spec.SizeDistribution;\n\n"
            + "/**\n"
            + " * " + storeName + ": the design's choices as constants.\n"
            + " *\n"
            + " * <p>Every other class of this package reads them: the store ({@code JitStore}), its sessions and\n"
            + " * provider, and the engine's components. javac inlines the compile-time ones and leaves out the\n"
            + " * branches they rule out; the JIT folds the others (static finals).\n"
            + " *\n"
            + designLines(d)
            + " *\n"
            + slotDiagram(d)
            + " */\n"
            + "final class " + EngineSources.CONFIG + " {\n\n"
            + b
            + "\n    private " + EngineSources.CONFIG + "() {\n    }\n}\n";
    }

    private static String quoted(final String s) {
        return "\"" + StoreSourceGenerator.javaString(s) + "\"";
    }

    private static String durabilityExpression(final Durability d) {
        return switch (d.level()) {
            case NONE -> "Durability.none()";
            case CHECKPOINT -> "Durability.checkpoint()";
            case COMMIT -> "Durability.commit(java.time.Duration.ofNanos(" + d.groupCommitInterval().toNanos() + "L))";
        };
    }

    /** The design's one-line description, one clause a line. */
    private static String designLines(final Design d) {
        final StringBuilder sb = new StringBuilder(" * <p>Design:\n");
        for (final String clause : d.describe().split("; ")) {
            sb.append(" *   ").append(StoreSourceGenerator.javaString(clause).replace("*/", "* /")).append('\n');
        }
        return sb.toString();
    }

    /** The slot with this design's sizes; SlotLayout holds the version word and the general picture. */
    private static String slotDiagram(final Design d) {
        final boolean varkey = d.facts().variableKeys();
        final String keyCell = varkey ? "  key tag (8 B)    " : "  key (full 8 B)   ";
        final String payloadCell = String.format(Locale.ROOT, "%-37s", "  payload (" + d.inlineBytes() + " B)");
        final String payload;
        if (varkey) {
            payload = " *  key tag: 48 bits of a hash of the key over its 16-bit length; a match is confirmed on the key"
                + " bytes\n *  payload: bytes 16..23 hold the slab reference of a chunk with the key's bytes followed by"
                + " the value's\n";
        } else if (d.usesSlab() && d.someInline()) {
            payload = " *  payload: the value when its length <= " + d.inlineBytes() + ", else bytes 16..23 hold its slab"
                + " reference\n";
        } else if (d.usesSlab()) {
            payload = " *  payload: bytes 16..23 hold the value's slab reference (no allowed size fits inline)\n";
        } else {
            payload = " *  payload: the value itself (every allowed size fits)\n";
        }
        return " * <pre>\n"
            + " * slot (" + d.slotBytes() + " bytes, 8-aligned; " + d.slotsPerGroup() + " slots = one " + d.groupBytes()
                + "-byte group, 64-aligned)\n"
            + " *  0                   8                   16                                  " + d.slotBytes() + "\n"
            + " *  +-------------------+-------------------+-------------------------------------+\n"
            + " *  |   version word    |" + keyCell + "|" + payloadCell + "|\n"
            + " *  +-------------------+-------------------+-------------------------------------+\n"
            + payload
            + " * </pre>\n";
    }

    /** The class body: constants at four spaces. */
    private static final class Body {

        private final StringBuilder sb = new StringBuilder();

        void constant(final String type, final String name, final Object value) {
            sb.append("    static final ").append(type).append(' ').append(name).append(" = ").append(value)
                .append(";\n");
        }

        void text(final String line) {
            sb.append("    ").append(line).append('\n');
        }

        void blank() {
            sb.append('\n');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
