package io.jitskit.synth.engine;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * The coder of the in-memory engine: turns a {@link Design} for a {@link Spec} into the Java source of a complete
 * store, with the card's constants baked in as {@code static final} fields and only the code paths the design uses.
 *
 * <p>A store is assembled from ordinary Java of jitskit-engine, all moved into one package and compiled together (see
 * {@code io.jitskit.engine}), that reads every design choice from a {@code StoreConfig} of constants this class
 * writes ({@link StoreConfigWriter}); the config opens with the design essay, so a store's one generated file says
 * what was chosen and why. Output is deterministic: the same spec and design give byte-identical source.
 *
 * <pre>
 * units emitted (package io.jitskit.generated.&lt;spec&gt;.d&lt;hash&gt;):
 *   StoreConfig      generated: the design essay, the design's constants and its slot drawn to size
 *   components (jitskit-engine; a design's store loads only those it uses):
 *   JitStore                                           the index, claims, the checkpoint and recovery, metrics
 *   JitSession                                         read / upsert / rmw / delete / insert on the seqlocked slots
 *   JitStoreProvider                                   the StoreProvider, compatibility and fit checks with figures
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
        final Map<String, String> sources = new LinkedHashMap<>();
        final String dir = pkg.replace('.', '/');
        sources.put(dir + "/" + EngineSources.CONFIG + ".java", StoreConfigWriter.write(spec, pkg, design, storeName));
        for (final Map.Entry<String, String> c : EngineSources.inMemoryComponents(pkg).entrySet()) {
            sources.put(dir + "/" + c.getKey() + ".java", c.getValue());
        }
        return new GeneratedStore(storeName, pkg, pkg + "." + PROVIDER, sources, design.describe());
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
