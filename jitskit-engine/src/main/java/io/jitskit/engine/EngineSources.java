package io.jitskit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The component sources a generated store is compiled from, as the generator takes them: read from this module's jar
 * (where the build copies {@code src/main/java}) and moved into the store's own package.
 *
 * <p>Moving, not linking: a component reads its choices from {@code StoreConfig} constants, which javac inlines into
 * the component's bytecode, so each store compiles its own copy against its own config. In the store's package the
 * components see each other, the store's classes and its {@code StoreConfig} as package-private members, exactly as
 * the memory components see each other here; the {@code runtime} components join the same package. A store takes
 * one engine's components ({@code memory} or {@code log}) and the runtime ones. Each store jar's
 * class loader holds its own copy, so two stores in one JVM never share a class or its static state.
 */
public final class EngineSources {

    /** The packages whose sources are shipped, each moved into the store's package. */
    public static final String MEMORY_PACKAGE = "io.jitskit.engine.memory";
    public static final String LOG_PACKAGE = "io.jitskit.engine.log";
    public static final String RUNTIME_PACKAGE = "io.jitskit.engine.runtime";

    /** Components of the in-memory engine, compiled into every in-memory store (unused ones are never loaded). */
    public static final List<String> MEMORY = List.of("SlotLayout", "SessionControl", "ValueSlab", "SessionLog",
        "LogFlusher", "CheckpointCapture", "CheckpointFiles", "JitStore", "JitSession", "JitStoreProvider");

    /** Components of the larger-than-memory engine, compiled into every such store. */
    public static final List<String> LOG = List.of("Layout", "HashIndex", "ReadCache", "SessionState",
        "SingleWriterLog", "OperationGate", "LogSpace", "Manifest", "Checkpointer", "LogRecovery", "Compactor", "LogStore",
        "LogSession", "LogStoreProvider");

    /** Components every store links to, whatever its engine. */
    public static final List<String> RUNTIME = List.of("Libc", "HugePages", "DurableFiles", "FileIo", "Frames",
        "CheckedLines");

    /** The class both engines generate per design, and the components read; never shipped from here. */
    public static final String CONFIG = "StoreConfig";

    /** Where the build puts the sources in this module's jar. */
    static final String RESOURCE_ROOT = "/jitskit-engine-sources/";

    private static final Pattern SHIPPED_PACKAGE =
        Pattern.compile("\\bio\\.jitskit\\.engine\\.(memory|log|runtime)\\b");
    private static final Pattern SAME_PACKAGE_IMPORT = Pattern.compile("(?m)^import [\\w.]+\\.\\w+;\\n");

    private EngineSources() {
    }

    /** The source of component {@code name} of {@code pkg} as this module compiled it. */
    public static String original(final String pkg, final String name) {
        final String source = Loaded.SOURCES.get(pkg + "." + name);
        if (source == null) {
            throw new IllegalArgumentException(pkg + "." + name + " is not a shipped component");
        }
        return source;
    }

    /**
     * Every shipped source, read once: a long synthesis run keeps compiling stores from what it started with, even
     * if the engine jar is rebuilt under it.
     */
    private static final class Loaded {

        static final Map<String, String> SOURCES = loadAll();

        private static Map<String, String> loadAll() {
            final Map<String, String> all = new LinkedHashMap<>();
            for (final String name : RUNTIME) {
                all.put(RUNTIME_PACKAGE + "." + name, read(RUNTIME_PACKAGE, name));
            }
            for (final String name : MEMORY) {
                all.put(MEMORY_PACKAGE + "." + name, read(MEMORY_PACKAGE, name));
            }
            for (final String name : LOG) {
                all.put(LOG_PACKAGE + "." + name, read(LOG_PACKAGE, name));
            }
            return Map.copyOf(all);
        }

        private static String read(final String pkg, final String name) {
            final String path = RESOURCE_ROOT + pkg.replace('.', '/') + "/" + name + ".java";
            try (InputStream in = EngineSources.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("component source " + path + " is missing from the jitskit-engine"
                        + " jar; rebuild the module");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new UncheckedIOException("component source " + path + " does not read", e);
            }
        }
    }

    /**
     * Every in-memory and runtime component moved into {@code storePackage}, by simple class name, in a fixed order.
     * The caller adds the store's {@code StoreConfig} and its own classes.
     */
    public static Map<String, String> inMemoryComponents(final String storePackage) {
        final Map<String, String> out = runtimeComponents(storePackage);
        for (final String name : MEMORY) {
            out.put(name, relocate(original(MEMORY_PACKAGE, name), MEMORY_PACKAGE + "." + name, storePackage));
        }
        return out;
    }

    /**
     * Every larger-than-memory and runtime component moved into {@code storePackage}, by simple class name, in a fixed
     * order. The caller adds the store's {@code StoreConfig} and its own classes.
     */
    public static Map<String, String> logComponents(final String storePackage) {
        final Map<String, String> out = runtimeComponents(storePackage);
        for (final String name : LOG) {
            out.put(name, relocate(original(LOG_PACKAGE, name), LOG_PACKAGE + "." + name, storePackage));
        }
        return out;
    }

    /**
     * The runtime components moved into {@code storePackage}, by simple class name: what a store of any engine links
     * to. They read no {@code StoreConfig}, so a store that takes only these needs none.
     */
    public static Map<String, String> runtimeComponents(final String storePackage) {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final String name : RUNTIME) {
            out.put(name, relocate(original(RUNTIME_PACKAGE, name), RUNTIME_PACKAGE + "." + name, storePackage));
        }
        return out;
    }

    /**
     * {@code source} with every name in the shipped packages rewritten into {@code storePackage} (the package line,
     * imports, static imports, qualified names), imports that became same-package dropped, and a first line saying
     * where the file comes from.
     */
    static String relocate(final String source, final String componentName, final String storePackage) {
        final String moved = SHIPPED_PACKAGE.matcher(source).replaceAll(Matcher.quoteReplacement(storePackage));
        final Matcher imports = SAME_PACKAGE_IMPORT.matcher(moved);
        final StringBuilder sb = new StringBuilder(moved.length() + 160);
        sb.append("// ").append(componentName).append(" from jitskit-engine, compiled against this store's StoreConfig.\n");
        while (imports.find()) {
            final String line = imports.group();
            final String imported = line.substring("import ".length(), line.length() - 2);
            final boolean samePackage = imported.substring(0, imported.lastIndexOf('.')).equals(storePackage);
            imports.appendReplacement(sb, samePackage ? "" : Matcher.quoteReplacement(line));
        }
        imports.appendTail(sb);
        return sb.toString();
    }
}
