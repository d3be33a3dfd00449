package io.jitskit.synth.engine.log;

import io.jitskit.synth.engine.CompiledStore;
import io.jitskit.synth.engine.GeneratedStore;
import io.jitskit.synth.engine.StoreCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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

    /** This store as the compiler takes it. */
    public GeneratedStore toGenerated() {
        return new GeneratedStore(storeName, packageName, providerClassName, sources, design.describe());
    }

    /** Compiles with the engine's {@link StoreCompiler} into {@code workDir/<store name>.jar}. */
    public CompiledStore compile(final Path workDir) throws IOException {
        return StoreCompiler.compile(toGenerated(), workDir);
    }
}
