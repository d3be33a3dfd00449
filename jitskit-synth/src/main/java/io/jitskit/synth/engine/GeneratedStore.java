package io.jitskit.synth.engine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The source of one generated store: a few compilation units in their own package.
 *
 * @param storeName         the store's registered name ({@code StoreProvider.name()})
 * @param packageName       the package every unit is in
 * @param providerClassName fully qualified name of the {@code StoreProvider}
 * @param sources           path relative to a source root (e.g. {@code io/jitskit/generated/x/JitStore.java}) to text
 * @param designLine        the design the sources realize, in one line (any engine's, or an LLM coder's plan);
 *                          it goes into the jar's manifest
 */
public record GeneratedStore(String storeName, String packageName, String providerClassName,
                             Map<String, String> sources, String designLine) {

    public GeneratedStore {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(providerClassName, "providerClassName");
        sources = Map.copyOf(new TreeMap<>(sources));
        designLine = designLine == null ? "" : designLine;
    }

    /** The text of the unit whose file name is {@code simpleFileName} (e.g. {@code JitStore.java}). */
    public String source(final String simpleFileName) {
        for (final Map.Entry<String, String> e : sources.entrySet()) {
            if (e.getKey().endsWith("/" + simpleFileName)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no unit " + simpleFileName + " in " + sources.keySet());
    }
}
