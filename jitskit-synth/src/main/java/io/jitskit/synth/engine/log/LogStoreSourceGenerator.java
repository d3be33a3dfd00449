package io.jitskit.synth.engine.log;

import io.jitskit.engine.EngineSources;
import io.jitskit.synth.engine.SourceText;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The coder of the larger-than-memory engine: turns a {@link LogDesign} for a {@link Spec} into the Java source of a
 * complete store, the card's figures baked in as {@code static final} constants (the JIT folds the branches they
 * decide) and the design essay on top of {@code LogStore}.
 *
 * <pre>
 * units (package io.jitskit.generated.log.&lt;spec&gt;.d&lt;hash&gt;):
 *   StoreConfig       generated: the design's constants (LogStoreConfigWriter)
 *   SingleWriterLog   template: a session's log: ring tail, pages, segment files
 *   SessionState      template: what outlives a session object: log, serial, buffers, counters
 *   LogStore          the design essay, reads, compaction, checkpoint and recovery, metrics
 *   LogSession        read / upsert / insert / delete / rmw
 *   LogStoreProvider  compatibility and budget checks with figures
 * components from jitskit-engine (see io.jitskit.engine), moved into the package and compiled with StoreConfig:
 *   Layout            slot, meta word and record formats; hash and checksum
 *   HashIndex         the off-heap index: probe, claim, stripe locks
 *   ReadCache         the address-keyed set-associative cache (CLOCK / FIFO, W-TinyLFU)
 *   FileIo            libc open/pread/pwrite/fdatasync/posix_fadvise on Libc's bindings
 *   Libc              the FFM bindings, one place for both engines
 *   DurableFiles      directory fsync, atomic durable replace (the manifest)
 *   HugePages         (unused by this engine; never loaded)
 * </pre>
 *
 * Output is deterministic: the same spec and design give byte-identical sources. Templates live beside this class in
 * {@code templates/*.java.tmpl}; a placeholder without a value is an error naming the template and line.
 */
public final class LogStoreSourceGenerator {

    /** Simple name of the provider class in every generated package. */
    public static final String PROVIDER = "LogStoreProvider";
    private static final List<String> UNITS = List.of("SingleWriterLog", "SessionState", "LogStore", "LogSession",
        PROVIDER);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    private LogStoreSourceGenerator() {
    }

    /**
     * Generates the store for {@code spec} realizing {@code design}.
     *
     * @throws IllegalArgumentException when the design was derived from other card fields or has problems
     */
    public static LogGeneratedStore generate(final Spec spec, final LogDesign design) {
        final LogFacts facts = LogFacts.of(spec);
        if (!facts.equals(design.facts())) {
            throw new IllegalArgumentException("design was derived from other card fields (" + design.facts()
                + ") than spec " + spec.name() + " (" + facts + "); derive it with LogDesign.initial(spec)");
        }
        final List<String> problems = design.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("design cannot be generated for " + spec.name() + ": "
                + String.join("; ", problems));
        }
        final String storeName = "jit-log-" + spec.name() + "-" + design.code();
        final String pkg = "io.jitskit.generated.log." + identifier(spec.name()) + ".d"
            + String.format(Locale.ROOT, "%08x", (spec.name() + "|" + design).hashCode());
        final Map<String, String> vars = variables(spec, design, storeName, pkg);
        final Map<String, String> sources = new LinkedHashMap<>();
        final String dir = pkg.replace('.', '/');
        sources.put(dir + "/" + EngineSources.CONFIG + ".java",
            LogStoreConfigWriter.write(pkg, design, storeName, vars.get("CACHE_POLICY_NAME")));
        for (final String unit : UNITS) {
            sources.put(dir + "/" + unit + ".java", render(unit + ".java.tmpl", vars));
        }
        for (final Map.Entry<String, String> c : EngineSources.logComponents(pkg).entrySet()) {
            sources.put(dir + "/" + c.getKey() + ".java", c.getValue());
        }
        return new LogGeneratedStore(storeName, pkg, pkg + "." + PROVIDER, sources, design);
    }

    private static Map<String, String> variables(final Spec spec, final LogDesign d, final String storeName,
                                                 final String pkg) {
        final LogFacts f = d.facts();
        final SizeDistribution sizes = f.valueSizes();
        final Map<String, String> v = new LinkedHashMap<>();
        v.put("PACKAGE", pkg);
        v.put("STORE_NAME", javaString(storeName));
        v.put("SPEC_NAME", javaString(spec.name()));
        v.put("DESIGN_LINE", javaString(d.describe()));
        v.put("ESSAY", LogDesignEssay.write(spec, d, storeName));
        v.put("OPERATIONS_TEXT", SourceText.operations(f.operations()));
        v.put("VALUE_SIZES_TEXT", SourceText.sizes(sizes));
        v.put("VALUE_SIZES_ALLOWED_TEXT", allowedText(sizes));
        v.put("VALUE_SIZES_EXPR", SourceText.sizesExpression(sizes));
        v.put("VALUE_ALLOWED_EXPR", allowedExpression(sizes));
        v.put("VALUE_MAX", Integer.toString(sizes.max()));
        v.put("DURABILITY_EXPR", f.durability().isDurable() ? "Durability.checkpoint()" : "Durability.none()");
        v.put("DURABLE", Boolean.toString(f.durability().isDurable()));
        v.put("SUPPORTED_OPS", SourceText.operationConstants(f.operations()));
        v.put("SUPPORTS_UPSERT", Boolean.toString(f.supports(Operation.UPSERT)));
        v.put("SUPPORTS_RMW", Boolean.toString(f.supports(Operation.RMW)));
        v.put("SUPPORTS_DELETE", Boolean.toString(f.supports(Operation.DELETE)));
        v.put("SUPPORTS_INSERT", Boolean.toString(f.supports(Operation.INSERT)));

        v.put("KEY_CAPACITY", Long.toString(d.keyCapacity()));
        v.put("MAX_SESSIONS", Integer.toString(d.maxSessions()));
        v.put("MAIN_RING_SESSIONS", Integer.toString(f.threads()));
        v.put("MAIN_RING_BYTES", Long.toString(d.mainRingBytes()));
        v.put("SMALL_RING_BYTES", Long.toString(d.smallRingBytes()));
        v.put("PAGE_BYTES", Integer.toString(d.pageBytes()));
        v.put("SEGMENT_BYTES", Long.toString(d.segmentBytes()));
        v.put("INLINE_MAX", Integer.toString(d.inlines() ? LogDesign.MAX_INLINE_BYTES : 0));
        v.put("COMPACT_LIVE_FRACTION", Double.toString(d.compactLiveFraction()));
        v.put("DISK_SLACK_BYTES", Long.toString(d.diskSlackBytes()));
        v.put("PLANNED_BYTES", Long.toString(d.plannedBytes()));
        v.put("JVM_ALLOWANCE_BYTES", Long.toString(LogDesign.JVM_ALLOWANCE_BYTES));

        final boolean cached = d.cached();
        v.put("CACHED", Boolean.toString(cached));
        // Read by LogStoreConfigWriter, not by a template.
        v.put("CACHE_POLICY_NAME", cached ? d.eviction().name().toLowerCase(Locale.ROOT)
            + (d.admission() == LogDesign.Admission.TINY_LFU ? " + W-TinyLFU admission" : "") : "none");
        return v;
    }

    /** Renders {@code templates/<name>} with {@code vars}; a placeholder without a value names template and line. */
    static String render(final String name, final Map<String, String> vars) {
        final String path = "templates/" + name;
        final String text;
        try (InputStream in = LogStoreSourceGenerator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + " is missing from the jitskit-synth jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("template " + path + " does not read", e);
        }
        final StringBuilder out = new StringBuilder(text.length() + 8192);
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final Matcher m = PLACEHOLDER.matcher(lines[i]);
            final StringBuilder line = new StringBuilder();
            while (m.find()) {
                final String value = vars.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("template " + name + ":" + (i + 1) + ": no value for {{"
                        + m.group(1) + "}}");
                }
                m.appendReplacement(line, Matcher.quoteReplacement(value));
            }
            m.appendTail(line);
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String allowedText(final SizeDistribution s) {
        return switch (s) {
            case SizeDistribution.Fixed x -> "(exactly " + x.size() + " bytes)";
            case SizeDistribution.Bimodal x -> "(" + x.small() + " or " + x.large() + " bytes)";
            default -> "(" + s.min() + ".." + s.max() + " bytes)";
        };
    }

    private static String allowedExpression(final SizeDistribution s) {
        return switch (s) {
            case SizeDistribution.Fixed x -> "size == " + x.size();
            case SizeDistribution.Bimodal x -> "size == " + x.small() + " || size == " + x.large();
            default -> "size >= " + s.min() + " && size <= " + s.max();
        };
    }

    static String durabilityText(final Durability d) {
        return d.level().name().toLowerCase(Locale.ROOT);
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
