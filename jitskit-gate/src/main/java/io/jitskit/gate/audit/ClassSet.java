package io.jitskit.gate.audit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A store's own classes, parsed: those its provider class reaches through class references inside the provider's code
 * source (its jar, or its class directory). Classes of the JDK and of libraries are not the store's own; they are
 * judged by the references the store's classes make to them.
 */
public final class ClassSet {

    private final Map<String, ClassModel> classes;

    private ClassSet(final Map<String, ClassModel> classes) {
        this.classes = classes;
    }

    /** Internal name (a/b/C) to class model, in discovery order. */
    public Map<String, ClassModel> classes() {
        return classes;
    }

    public boolean owns(final String internalName) {
        return classes.containsKey(internalName);
    }

    /** The classes of {@code provider}'s code source that {@code provider} reaches. */
    public static ClassSet reachableFrom(final Class<?> provider) throws IOException {
        final CodeSource source = provider.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException(provider.getName() + ": no code source to audit (a JDK class?)");
        }
        final Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (final URISyntaxException e) {
            throw new IOException(provider.getName() + ": code source " + source.getLocation() + " is not a path", e);
        }
        return reachableFrom(location, provider.getName().replace('.', '/'));
    }

    /** The classes of {@code location} (a jar or a class directory) that {@code root} (internal name) reaches. */
    public static ClassSet reachableFrom(final Path location, final String root) throws IOException {
        final Map<String, byte[]> available = Files.isDirectory(location) ? fromDirectory(location)
            : fromJar(location);
        final Map<String, ClassModel> reached = new LinkedHashMap<>();
        final Deque<String> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            final String name = pending.poll();
            final byte[] bytes = available.get(name);
            if (bytes == null || reached.containsKey(name)) {
                continue;
            }
            final ClassModel model = ClassFile.of().parse(bytes);
            reached.put(name, model);
            for (final PoolEntry entry : model.constantPool()) {
                if (entry instanceof ClassEntry ce) {
                    pending.add(ce.asInternalName());
                }
            }
        }
        if (reached.isEmpty()) {
            throw new IOException(location + ": holds no class " + root);
        }
        return new ClassSet(reached);
    }

    /** Every class of a store jar. */
    public static ClassSet ofJar(final Path jar) throws IOException {
        final Map<String, ClassModel> all = new LinkedHashMap<>();
        fromJar(jar).forEach((name, bytes) -> all.put(name, ClassFile.of().parse(bytes)));
        return new ClassSet(all);
    }

    private static Map<String, byte[]> fromDirectory(final Path dir) throws IOException {
        final Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (final Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                final String rel = dir.relativize(p).toString().replace('\\', '/');
                out.put(rel.substring(0, rel.length() - ".class".length()), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static Map<String, byte[]> fromJar(final Path jar) throws IOException {
        final Map<String, byte[]> out = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            final Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                final JarEntry e = entries.nextElement();
                final String n = e.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                    try (InputStream in = file.getInputStream(e)) {
                        out.put(n.substring(0, n.length() - ".class".length()), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }
}
