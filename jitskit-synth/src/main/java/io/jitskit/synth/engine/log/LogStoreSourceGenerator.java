package io.jitskit.synth.engine.log;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * The coder of the larger-than-memory engine: turns a {@link LogDesign} for a {@link Spec} into the Java source of a
 * complete store. It writes one file, {@code StoreConfig}: the design essay as its opening comment, then the card's
 * figures and the design's choices as {@code static final} constants (javac folds the branches they decide). Every
 * other unit is a jitskit-engine component, moved into the store's package and compiled against that config.
 *
 * <pre>
 * units (package io.jitskit.generated.log.&lt;spec&gt;.d&lt;hash&gt;):
 *   StoreConfig       generated: the design essay, then the design's constants (LogStoreConfigWriter)
 * components from jitskit-engine (see io.jitskit.engine), moved into the package and compiled with StoreConfig:
 *   LogStoreProvider  compatibility and budget checks with figures
 *   LogStore          the facade: wiring, the read path, info and metrics
 *   LogSession        read / upsert / insert / delete / rmw
 *   SessionState      what outlives a session object: log, serial, buffers, counters
 *   SingleWriterLog   a session's log: ring tail, pages, segment files
 *   OperationGate     control word and session table: entry handshake, quiesce, grace period
 *   LogSpace          the logs, segment files, live bytes, the disk bound
 *   Checkpointer      CPR checkpoints and the index snapshot
 *   Manifest          the last checkpoint's record, replaced atomically
 *   LogRecovery       opening a data directory
 *   Compactor         segment and index compaction
 *   Layout            slot, meta word and record formats; hash and checksum
 *   HashIndex         the off-heap index: probe, claim, stripe locks
 *   ReadCache         the address-keyed set-associative cache (CLOCK / FIFO, W-TinyLFU)
 *   FileIo            libc open/pread/pwrite/fdatasync/posix_fadvise on Libc's bindings
 *   Libc              the FFM bindings, one place for both engines
 *   DurableFiles      directory fsync, atomic durable replace (the manifest)
 *   HugePages         (unused by this engine; never loaded)
 * </pre>
 *
 * Output is deterministic: the same spec and design give byte-identical sources.
 */
public final class LogStoreSourceGenerator {

    /** Simple name of the provider class in every generated package. */
    public static final String PROVIDER = "LogStoreProvider";

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
        final Map<String, String> sources = new LinkedHashMap<>();
        final String dir = pkg.replace('.', '/');
        sources.put(dir + "/" + EngineSources.CONFIG + ".java", LogStoreConfigWriter.write(pkg, design, storeName,
            spec.name(), LogDesignEssay.write(spec, design, storeName)));
        for (final Map.Entry<String, String> c : EngineSources.logComponents(pkg).entrySet()) {
            sources.put(dir + "/" + c.getKey() + ".java", c.getValue());
        }
        return new LogGeneratedStore(storeName, pkg, pkg + "." + PROVIDER, sources, design);
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
