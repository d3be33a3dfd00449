package io.jitskit.synth.engine.log;

import io.jitskit.spec.Durability;
import io.jitskit.synth.engine.CompiledStore;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.Facts;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.StoreCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The source of one generated larger-than-memory store.
 *
 * @param storeName         the store's registered name ({@code StoreProvider.name()})
 * @param packageName       the package every unit is in
 * @param providerClassName fully qualified name of the {@code StoreProvider}
 * @param sources           path relative to a source root to text
 * @param design            the design the sources realize
 */
public record LogGeneratedStore(String storeName, String packageName, String providerClassName,
                                Map<String, String> sources, LogDesign design) {

    public LogGeneratedStore {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(providerClassName, "providerClassName");
        Objects.requireNonNull(design, "design");
        sources = Map.copyOf(new TreeMap<>(sources));
    }

    /** The text of the unit whose file name is {@code simpleFileName} (e.g. {@code LogStore.java}). */
    public String source(final String simpleFileName) {
        for (final Map.Entry<String, String> e : sources.entrySet()) {
            if (e.getKey().endsWith("/" + simpleFileName)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no unit " + simpleFileName + " in " + sources.keySet());
    }

    /**
     * Compiles with the engine's {@link StoreCompiler} into {@code workDir/<store name>.jar}.
     *
     * <p>{@link GeneratedStore} is typed on the in-memory engine's {@link Design}, which the compiler reads only for
     * the jar manifest's {@code Jitskit-Design} line. Until it takes a design line of any engine, this passes a
     * carrier design of the same card and then rewrites that manifest line with this design's own description, so
     * the jar says what it holds.
     */
    public CompiledStore compile(final Path workDir) throws IOException {
        final CompiledStore compiled = StoreCompiler.compile(new GeneratedStore(storeName, packageName,
            providerClassName, sources, carrierDesign()), workDir);
        if (compiled.success()) {
            rewriteDesignLine(compiled.jar(), design.describe());
        }
        return compiled;
    }

    private Design carrierDesign() {
        final LogFacts f = design.facts();
        final Facts facts = new Facts(Math.max(1, f.keyCount()), f.valueSizes(), f.operations(), f.durability(),
            f.threads(), f.usableBytes(), f.timeOrdered(), 0);
        final Design.CheckpointMode mode = f.durability().level() == Durability.Level.NONE
            ? Design.CheckpointMode.NONE : Design.CheckpointMode.QUIESCE_WRITE;
        return new Design(facts, 32, 0.7, 1.0, Design.Indexing.POWER_OF_TWO, 1, mode, 64,
            Math.max(256, f.threads()), 1 << 24, 1 << 18, 1 << 22);
    }

    private static void rewriteDesignLine(final Path jar, final String line) throws IOException {
        final Path tmp = jar.resolveSibling(jar.getFileName() + ".design.tmp");
        try (InputStream in = Files.newInputStream(jar); JarInputStream jin = new JarInputStream(in)) {
            final Manifest manifest = new Manifest(jin.getManifest());
            manifest.getMainAttributes().putValue("Created-By", "jitskit-synth larger-than-memory engine");
            manifest.getMainAttributes().putValue("Jitskit-Design", line);
            try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jout = new JarOutputStream(out,
                manifest)) {
                JarEntry entry;
                while ((entry = jin.getNextJarEntry()) != null) {
                    final JarEntry copy = new JarEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    jout.putNextEntry(copy);
                    jin.transferTo(jout);
                    jout.closeEntry();
                }
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
