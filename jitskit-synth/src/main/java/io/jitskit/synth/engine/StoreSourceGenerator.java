package io.jitskit.synth.engine;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The coder of the in-memory engine: turns a {@link Design} for a {@link Spec} into the Java source of a complete
 * store, with the card's constants baked in as {@code static final} fields and only the code paths the design uses.
 *
 * <p>A store is assembled from two kinds of source, all in one package and compiled together (see
 * {@code io.jitskit.engine}): the engine's components, ordinary Java from jitskit-engine that reads every design choice
 * from a {@code StoreConfig} of compile-time constants this class writes ({@link StoreConfigWriter}), and the store,
 * session and provider, still rendered from templates beside this class ({@code templates/*.java.tmpl}), where a
 * design picks blocks by flags and fills placeholders. Output is deterministic: the same spec and design give
 * byte-identical source.
 *
 * <pre>
 * units emitted (package io.jitskit.generated.&lt;spec&gt;.d&lt;hash&gt;):
 *   StoreConfig      generated: the design's constants and its slot drawn to size
 *   JitStore         template: the design essay, the index, claims, the checkpoint and recovery, metrics
 *   JitSession       template: read / upsert / rmw / delete / insert on the seqlocked slots
 *   JitStoreProvider template: the StoreProvider, compatibility and fit checks with figures
 *   components (jitskit-engine; a design's store loads only those it uses):
 *   Libc, HugePages, DurableFiles                      runtime: libc bindings, tables on huge pages, durable replace
 *   SlotLayout, SessionControl                         the slot, version word and control-block layouts, hashing
 *   ValueSlab                                          size-classed off-heap chunks, per-session allocation
 *   SessionLog, LogFlusher                             per-session commit logs and group commit
 *   CheckpointCapture, CheckpointFiles                 what a checkpoint copies; snapshot and manifest formats
 * </pre>
 */
public final class StoreSourceGenerator {

    static final String STORE = "JitStore";
    static final String SESSION = "JitSession";
    static final String PROVIDER = "JitStoreProvider";

    private StoreSourceGenerator() {
    }

    /**
     * Generates the store for {@code spec} realizing {@code design}.
     *
     * @throws IllegalArgumentException when the design was not derived from this spec's card fields, names a
     *                                  technique the in-memory coder does not emit, or has problems (does not fit)
     */
    public static GeneratedStore generate(final Spec spec, final Design design) {
        final Facts facts = Facts.of(spec);
        if (!facts.equals(design.facts())) {
            throw new IllegalArgumentException("design was derived from other card fields (" + design.facts()
                + ") than spec " + spec.name() + " (" + facts + "); derive it with Design.initial(spec)");
        }
        final List<String> problems = design.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("design cannot be generated for " + spec.name() + ": "
                + String.join("; ", problems));
        }
        for (final Technique t : design.techniques()) {
            if (!t.emittedInMemory()) {
                throw new IllegalArgumentException("technique " + t + " is not emitted by the in-memory coder");
            }
        }
        final String storeName = "jit-" + spec.name() + "-" + design.code();
        final String pkg = "io.jitskit.generated." + identifier(spec.name()) + ".d"
            + String.format(Locale.ROOT, "%08x", (spec.name() + "|" + design).hashCode());
        final Map<String, String> vars = variables(spec, design, storeName, pkg);
        final Set<String> flags = flags(design);

        final Map<String, String> units = new LinkedHashMap<>();
        units.put(STORE, "Store.java.tmpl");
        units.put(SESSION, "Session.java.tmpl");
        units.put(PROVIDER, "Provider.java.tmpl");
        final Map<String, String> sources = new LinkedHashMap<>();
        final String dir = pkg.replace('.', '/');
        sources.put(dir + "/" + EngineSources.CONFIG + ".java", StoreConfigWriter.write(pkg, design, storeName));
        for (final Map.Entry<String, String> u : units.entrySet()) {
            sources.put(dir + "/" + u.getKey() + ".java", SourceTemplate.load(u.getValue()).render(vars, flags));
        }
        for (final Map.Entry<String, String> c : EngineSources.inMemoryComponents(pkg).entrySet()) {
            sources.put(dir + "/" + c.getKey() + ".java", c.getValue());
        }
        return new GeneratedStore(storeName, pkg, pkg + "." + PROVIDER, sources, design.describe());
    }

    private static Set<String> flags(final Design d) {
        final Set<String> f = new HashSet<>();
        if (d.allInline()) {
            f.add("ALL_INLINE");
        }
        if (d.someInline()) {
            f.add("SOME_INLINE");
        }
        if (d.usesSlab()) {
            f.add("SLAB");
        }
        if (d.facts().variableKeys()) {
            f.add("VARKEY");
        }
        if (d.indexing() == Design.Indexing.POWER_OF_TWO) {
            f.add("POW2");
        }
        if (d.shards() > 1) {
            f.add("SHARDED");
        }
        if (d.checkpointMode() != Design.CheckpointMode.NONE) {
            f.add("DURABLE");
        }
        if (d.checkpointMode() == Design.CheckpointMode.QUIESCE_SHADOW) {
            f.add("SHADOW");
        }
        if (d.commitLog()) {
            f.add("COMMIT");
        }
        if (d.hugePages()) {
            f.add("HUGE_PAGES");
        }
        for (final Operation op : new Operation[] {Operation.RMW, Operation.DELETE, Operation.INSERT}) {
            if (d.facts().supports(op)) {
                f.add(op.name());
            }
        }
        if (f.contains("DURABLE") || f.contains("DELETE")) {
            // Checkpoints and compactions both stop sessions at operation boundaries.
            f.add("QUIESCE");
        }
        return f;
    }

    private static Map<String, String> variables(final Spec spec, final Design d, final String storeName,
                                                 final String pkg) {
        final Facts f = d.facts();
        final SizeDistribution sizes = f.valueSizes();
        final Map<String, String> v = new LinkedHashMap<>();
        v.put("PACKAGE", pkg);
        v.put("STORE", STORE);
        v.put("SESSION", SESSION);
        v.put("PROVIDER", PROVIDER);
        v.put("STORE_NAME", javaString(storeName));
        v.put("SPEC_NAME", javaString(spec.name()));
        v.put("DESIGN_LINE", javaString(d.describe()));
        v.put("ESSAY", DesignEssay.write(spec, d, storeName));
        v.put("OPERATIONS_TEXT", SourceText.operations(f.operations()));
        v.put("VALUE_SIZES_TEXT", SourceText.sizes(sizes));
        v.put("VALUE_SIZES_EXPR", SourceText.sizesExpression(sizes));
        v.put("SIZE_ALLOWED_EXPR", allowedExpression(sizes));
        v.put("COPY_LEN", sizes instanceof SizeDistribution.Fixed fixed ? Integer.toString(fixed.size()) : "len");
        v.put("DURABILITY_EXPR", durabilityExpression(f.durability()));
        v.put("SUPPORTED_OPS", SourceText.operationConstants(f.operations()));
        if (f.variableKeys()) {
            v.put("KEY_SIZES_TEXT", SourceText.sizes(f.keySizes()));
            v.put("KEY_SIZES_EXPR", SourceText.sizesExpression(f.keySizes()));
            v.put("KEY_ALLOWED_EXPR", allowedExpression(f.keySizes()));
        }

        v.put("KEY_COUNT", Long.toString(f.keyCount()));
        v.put("KEY_CAPACITY", Long.toString(d.keyCapacity()));
        v.put("TABLE_BYTES", Long.toString(d.tableBytes()));
        v.put("MAX_SESSIONS", Integer.toString(d.maxSessions()));
        v.put("CLAIM_STRIPES", Integer.toString(d.claimStripes()));
        v.put("EMPTY_BATCH", Long.toString(Math.max(1, Math.min(64, d.maxUsedSlotsPerShard() / (16L * f.threads())))));

        final boolean slab = d.usesSlab();
        v.put("SLAB_BYTES_TERM", slab ? " + slab.reservedBytes()" : "");
        v.put("CACHE_ARG", slab ? "cache, " : "");
        v.put("CACHE_PARAM", slab ? "final ValueSlab.ThreadCache cache, " : "");
        final double slabPerKey = slab
            ? d.slabClasses().expectedChunkBytes(f.slabSizes(), d.inlineBytes()) * Design.SLAB_SLACK : 0;
        v.put("SLAB_BYTES_PER_KEY", String.format(Locale.ROOT, "%.3f", slabPerKey));
        return v;
    }

    private static String allowedExpression(final SizeDistribution s) {
        return switch (s) {
            case SizeDistribution.Fixed x -> "size == " + x.size();
            case SizeDistribution.Bimodal x -> "size == " + x.small() + " || size == " + x.large();
            default -> "size >= " + s.min() + " && size <= " + s.max();
        };
    }

    private static String durabilityExpression(final Durability d) {
        return switch (d.level()) {
            case NONE -> "Durability.none()";
            case CHECKPOINT -> "Durability.checkpoint()";
            case COMMIT -> "Durability.commit(java.time.Duration.ofNanos(" + d.groupCommitInterval().toNanos() + "L))";
        };
    }

    private static String identifier(final String name) {
        final StringBuilder sb = new StringBuilder();
        for (final char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        if (sb.isEmpty() || !Character.isLetter(sb.charAt(0)) || SourceVersion.isKeyword(sb)) {
            sb.insert(0, "s_");
        }
        return sb.toString();
    }

    static String javaString(final String s) {
        final StringBuilder sb = new StringBuilder();
        for (final char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c < 32 || c > 126 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
            }
        }
        return sb.toString();
    }
}
