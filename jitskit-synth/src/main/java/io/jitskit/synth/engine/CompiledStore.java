package io.jitskit.synth.engine;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

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

    /** Where {@link StoreCompiler} puts the sources inside the jar. */
    static final String SOURCES_IN_JAR = "META-INF/jitskit/src/";

    /**
     * What the store is, independent of which design knobs produced it: a hash of the sources inside the jar with the
     * package name abstracted (the package is derived from the knobs, the code from what they realize). Two designs
     * whose knobs differ only where the sizing rounds them to the same table (a load factor below a power of two, say)
     * have equal realizations, so the loop measures the store once.
     *
     * @return the hash, or null when the jar carries no sources (then nothing can be said)
     * @throws IOException when the jar cannot be read
     * @throws IllegalStateException when the compilation failed (there is no store)
     */
    public String realization() throws IOException {
        if (!success) {
            throw new IllegalStateException(storeName + " did not compile: it has no realization");
        }
        final int dot = providerClassName.lastIndexOf('.');
        final String pkg = dot < 0 ? "" : providerClassName.substring(0, dot);
        final Map<String, byte[]> sources = new TreeMap<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (final JarEntry e : jf.stream().toList()) {
                if (!e.isDirectory() && e.getName().startsWith(SOURCES_IN_JAR)) {
                    try (InputStream in = jf.getInputStream(e)) {
                        sources.put(abstractPackage(e.getName().substring(SOURCES_IN_JAR.length()), pkg),
                            in.readAllBytes());
                    }
                }
            }
        }
        if (sources.isEmpty()) {
            return null;
        }
        final MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        sources.forEach((name, bytes) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(abstractPackage(new String(bytes, StandardCharsets.UTF_8), pkg).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        });
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static String abstractPackage(final String text, final String pkg) {
        return pkg.isEmpty() ? text : text.replace(pkg, "$PACKAGE").replace(pkg.replace('.', '/'), "$PACKAGE");
    }
}
