package io.jitskit.synth.engine;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of compiling a {@link GeneratedStore}: a store jar, or the compiler's diagnostics.
 *
 * @param success           whether javac accepted the source without errors or warnings
 * @param jar               the store jar (with {@code META-INF/services/io.jitskit.api.StoreProvider}), or
 *                          {@code null} when compilation failed
 * @param providerClassName the provider's fully qualified class name
 * @param storeName         the store's registered name
 * @param diagnostics       compiler messages as {@code File.java:line: kind: message}, empty on a clean compile
 * @param compileMillis     wall time of the compilation
 */
public record CompiledStore(boolean success, Path jar, String providerClassName, String storeName,
                            List<String> diagnostics, long compileMillis) {

    public CompiledStore {
        Objects.requireNonNull(providerClassName, "providerClassName");
        Objects.requireNonNull(storeName, "storeName");
        diagnostics = List.copyOf(diagnostics);
        if (success && jar == null) {
            throw new IllegalArgumentException("a successful compilation has a jar");
        }
    }

    /**
     * Loads the provider from the jar through {@link StoreFactory#fromJar}, in the isolated class loader that sees only
     * the SPI and the JDK.
     *
     * @throws StoreLoadException when compilation failed (the message lists the diagnostics) or the jar does not load
     */
    public StoreProvider load() throws StoreLoadException {
        if (!success) {
            throw new StoreLoadException(storeName + " did not compile:\n" + String.join("\n", diagnostics));
        }
        return StoreFactory.fromJar(jar);
    }
}
