package io.jitskit.synth.engine;

import io.jitskit.api.Store;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a {@link GeneratedStore} in process with the JDK's compiler and packages it as a store jar that
 * {@link io.jitskit.api.StoreFactory#fromJar} loads.
 *
 * <p>The class path is exactly the SPI: the jars (or class directories) holding {@code io.jitskit.api} and
 * {@code io.jitskit.spec}, found from those classes' code sources, so a generated store cannot link against anything
 * the isolated store class loader would not give it. Options are {@code --release 25 -Xlint:all -Werror -proc:none}:
 * generated code must compile warning-free. Problems come back as diagnostics in the result, never as a stack trace.
 *
 * <pre>
 * workDir/
 *   &lt;store name&gt;/src/...      the generated sources, for review
 *   &lt;store name&gt;/classes/...  javac output
 *   &lt;store name&gt;.jar          classes + META-INF/services/io.jitskit.api.StoreProvider + sources
 * </pre>
 */
public final class StoreCompiler {

    /** javac options; generated code must pass the project's own strictness. */
    public static final List<String> OPTIONS = List.of("--release", "25", "-Xlint:all", "-Werror", "-proc:none",
        "-encoding", "UTF-8", "-g");

    /** A fixed entry time makes jars of the same source byte-identical. */
    private static final long ENTRY_TIME = 315_532_800_000L;

    private StoreCompiler() {
    }

    /**
     * Compiles {@code store} under {@code workDir}.
     *
     * @return the jar and provider, or {@code success == false} with readable diagnostics
     * @throws IOException when the work directory cannot be written
     */
    public static CompiledStore compile(final GeneratedStore store, final Path workDir) throws IOException {
        final long started = System.nanoTime();
        final Path base = workDir.resolve(store.storeName());
        final Path src = base.resolve("src");
        final Path classes = base.resolve("classes");
        deleteTree(base);
        Files.createDirectories(classes);
        final List<Path> files = new ArrayList<>();
        for (final Map.Entry<String, String> e : store.sources().entrySet()) {
            final Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return failed(store, started, List.of("no system Java compiler: run jitskit on a JDK 25, not a JRE"));
        }
        final List<Path> classPath;
        try {
            classPath = List.of(codeSource(Store.class), codeSource(Spec.class));
        } catch (final IllegalStateException e) {
            return failed(store, started, List.of(e.getMessage()));
        }
        final DiagnosticCollector<JavaFileObject> collected = new DiagnosticCollector<>();
        final boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(collected, Locale.ROOT, StandardCharsets.UTF_8)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            final Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            ok = javac.getTask(null, fm, collected, OPTIONS, null, units).call();
        }
        final List<String> diagnostics = new ArrayList<>();
        for (final Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
            diagnostics.add(format(d, src));
        }
        if (!ok || !diagnostics.isEmpty()) {
            if (diagnostics.isEmpty()) {
                diagnostics.add("javac failed without a diagnostic; sources are in " + src);
            }
            return failed(store, started, diagnostics);
        }
        final Path jar = workDir.resolve(store.storeName() + ".jar");
        writeJar(jar, store, classes);
        return new CompiledStore(true, jar, store.providerClassName(), store.storeName(), List.of(),
            (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Compiles many stores in one javac invocation and packages each as {@link #compile} would: the stores live in
     * distinct packages, so their sources compile together, and the compiler's start-up and the components it parses
     * for every store are paid once per batch instead of once per store. When the batch does not compile cleanly,
     * each store is compiled on its own, so every diagnostic is reported against the store it belongs to.
     *
     * <p>Each store's directory and jar are named {@code <store name>-<last package segment>} (not the store name
     * alone): designs that differ only in knobs the store name does not show, such as slab sizes, have one name.
     *
     * @return one result per store, in order
     * @throws IllegalArgumentException when two stores share a package (their classes would collide)
     * @throws IOException when the work directory cannot be written
     */
    public static List<CompiledStore> compileAll(final List<GeneratedStore> stores, final Path workDir)
        throws IOException {
        final long started = System.nanoTime();
        final java.util.Set<String> packages = new java.util.HashSet<>();
        for (final GeneratedStore s : stores) {
            if (!packages.add(s.packageName()) || s.packageName().isEmpty()) {
                throw new IllegalArgumentException("every store of a batch needs a package of its own, not \""
                    + s.packageName() + "\"");
            }
        }
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || stores.size() < 2) {
            final List<CompiledStore> out = new ArrayList<>();
            for (final GeneratedStore s : stores) {
                out.add(compile(s, workDir.resolve(batchName(s))));
            }
            return out;
        }
        final Path batchClasses = workDir.resolve(".batch-classes");
        deleteTree(batchClasses);
        Files.createDirectories(batchClasses);
        final List<Path> files = new ArrayList<>();
        for (final GeneratedStore store : stores) {
            final Path base = workDir.resolve(batchName(store)).resolve(store.storeName());
            deleteTree(base);
            final Path src = base.resolve("src");
            for (final Map.Entry<String, String> e : store.sources().entrySet()) {
                final Path file = src.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                files.add(file);
            }
        }
        final List<Path> classPath;
        try {
            classPath = List.of(codeSource(Store.class), codeSource(Spec.class));
        } catch (final IllegalStateException e) {
            final List<CompiledStore> out = new ArrayList<>();
            for (final GeneratedStore s : stores) {
                out.add(failed(s, started, List.of(e.getMessage())));
            }
            return out;
        }
        final DiagnosticCollector<JavaFileObject> collected = new DiagnosticCollector<>();
        final boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(collected, Locale.ROOT,
            StandardCharsets.UTF_8)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(batchClasses));
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            ok = javac.getTask(null, fm, collected, OPTIONS, null, fm.getJavaFileObjectsFromPaths(files)).call();
        }
        if (!ok || !collected.getDiagnostics().isEmpty()) {
            deleteTree(batchClasses);
            final List<CompiledStore> out = new ArrayList<>();
            for (final GeneratedStore s : stores) {
                out.add(compile(s, workDir.resolve(batchName(s))));
            }
            return out;
        }
        final long millisEach = (System.nanoTime() - started) / 1_000_000 / stores.size();
        final List<CompiledStore> out = new ArrayList<>();
        for (final GeneratedStore store : stores) {
            final String pkgDir = store.packageName().replace('.', '/');
            final Path dir = workDir.resolve(batchName(store));
            final Path classes = dir.resolve(store.storeName()).resolve("classes");
            final Path target = classes.resolve(pkgDir);
            Files.createDirectories(target.getParent());
            Files.move(batchClasses.resolve(pkgDir), target);
            final Path jar = dir.resolve(store.storeName() + ".jar");
            writeJar(jar, store, classes);
            out.add(new CompiledStore(true, jar, store.providerClassName(), store.storeName(), List.of(), millisEach));
        }
        deleteTree(batchClasses);
        return out;
    }

    /** The directory a store of a batch is compiled in: the layout of {@link #compile}, one level down. */
    private static String batchName(final GeneratedStore store) {
        final String pkg = store.packageName();
        return store.storeName() + "-" + pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    private static CompiledStore failed(final GeneratedStore store, final long started, final List<String> diagnostics) {
        return new CompiledStore(false, null, store.providerClassName(), store.storeName(), diagnostics,
            (System.nanoTime() - started) / 1_000_000);
    }

    /** {@code pkg/File.java:line: kind: message}, one line per message line. */
    private static String format(final Diagnostic<? extends JavaFileObject> d, final Path srcRoot) {
        final StringBuilder sb = new StringBuilder();
        if (d.getSource() != null) {
            final Path file = Path.of(d.getSource().toUri());
            sb.append(file.startsWith(srcRoot) ? srcRoot.relativize(file) : file);
            if (d.getLineNumber() > 0) {
                sb.append(':').append(d.getLineNumber());
            }
            sb.append(": ");
        }
        sb.append(d.getKind().name().toLowerCase(Locale.ROOT)).append(": ");
        sb.append(d.getMessage(Locale.ROOT).replace('\n', ' '));
        return sb.toString();
    }

    private static Path codeSource(final Class<?> type) {
        final CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName()
                + " to compile against; put jitskit-api and jitskit-spec on the class path as jars or directories");
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("bad code source " + cs.getLocation() + " of " + type.getName(), e);
        }
    }

    private static void writeJar(final Path jar, final GeneratedStore store, final Path classes) throws IOException {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "jitskit-synth in-memory engine");
        manifest.getMainAttributes().putValue("Jitskit-Store", store.storeName());
        manifest.getMainAttributes().putValue("Jitskit-Design", store.designLine());
        final Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jos = new JarOutputStream(out, manifest)) {
            final List<Path> classFiles;
            try (Stream<Path> walk = Files.walk(classes)) {
                classFiles = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (final Path f : classFiles) {
                put(jos, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            put(jos, "META-INF/services/" + StoreProvider.class.getName(),
                (store.providerClassName() + "\n").getBytes(StandardCharsets.UTF_8));
            for (final Map.Entry<String, String> e : store.sources().entrySet()) {
                put(jos, CompiledStore.SOURCES_IN_JAR + e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(final JarOutputStream jos, final String name, final byte[] bytes) throws IOException {
        final JarEntry entry = new JarEntry(name);
        entry.setTime(ENTRY_TIME);
        jos.putNextEntry(entry);
        jos.write(bytes);
        jos.closeEntry();
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
