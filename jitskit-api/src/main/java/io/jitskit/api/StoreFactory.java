package io.jitskit.api;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarFile;

/**
 * Finds store providers: by name among those on the class path, or from a store jar.
 *
 * <p>A jar is loaded in its own class loader whose parent exposes only the SPI ({@code io.jitskit.api},
 * {@code io.jitskit.spec}) and the JDK: a store cannot link against the harness, so it cannot read the seed that
 * makes values unforgeable.
 */
public final class StoreFactory {

    private StoreFactory() {
    }

    /** Every provider on the class path, sorted by name. */
    public static List<StoreProvider> available() {
        final TreeMap<String, StoreProvider> byName = new TreeMap<>();
        for (final StoreProvider p : ServiceLoader.load(StoreProvider.class, StoreFactory.class.getClassLoader())) {
            byName.putIfAbsent(p.name(), p);
        }
        return List.copyOf(byName.values());
    }

    /**
     * The provider for {@code nameOrJar}: a path ending in {@code .jar} (or naming an existing file) is loaded as a
     * store jar; anything else is looked up by name.
     */
    public static StoreProvider find(final String nameOrJar) throws StoreLoadException {
        if (nameOrJar.endsWith(".jar") || nameOrJar.contains("/") || Files.isRegularFile(Path.of(nameOrJar))) {
            return fromJar(Path.of(nameOrJar));
        }
        final List<StoreProvider> all = available();
        for (final StoreProvider p : all) {
            if (p.name().equals(nameOrJar)) {
                return p;
            }
        }
        final List<String> names = new ArrayList<>();
        all.forEach(p -> names.add(p.name()));
        throw new StoreLoadException("unknown store '" + nameOrJar + "'; known stores: " + String.join(", ", names)
            + " (or give the path of a store jar)");
    }

    /** Loads the single provider in a store jar. */
    public static StoreProvider fromJar(final Path jar) throws StoreLoadException {
        if (!Files.isRegularFile(jar)) {
            throw new StoreLoadException(jar + ": no such store jar; build it or check the path");
        }
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            if (jarFile.getManifest() == null && jarFile.getEntry("META-INF/services/"
                + StoreProvider.class.getName()) == null) {
                throw new StoreLoadException(jar + ": holds no store; list the provider class in "
                    + "META-INF/services/" + StoreProvider.class.getName());
            }
        } catch (final IOException e) {
            throw new StoreLoadException(jar + ": not a readable jar (" + e.getMessage() + "); rebuild the store jar");
        }
        final URL url;
        try {
            url = jar.toAbsolutePath().toUri().toURL();
        } catch (final MalformedURLException e) {
            throw new StoreLoadException(jar + ": bad path (" + e.getMessage() + ")", e);
        }
        final ClassLoader loader = new URLClassLoader("store:" + jar.getFileName(), new URL[] {url},
            new SpiOnlyClassLoader(StoreFactory.class.getClassLoader()));
        final List<StoreProvider> found = new ArrayList<>();
        try {
            for (final StoreProvider p : ServiceLoader.load(StoreProvider.class, loader)) {
                if (p.getClass().getClassLoader() == loader) {
                    found.add(p);
                }
            }
        } catch (final ServiceConfigurationError | LinkageError e) {
            throw new StoreLoadException(jar + ": store provider does not load (" + e.getMessage()
                + "); a store may use only io.jitskit.api, io.jitskit.spec and the JDK", e);
        }
        if (found.isEmpty()) {
            throw new StoreLoadException(jar + ": holds no store; list the provider class in "
                + "META-INF/services/" + StoreProvider.class.getName());
        }
        if (found.size() > 1) {
            throw new StoreLoadException(jar + ": holds " + found.size() + " stores; a store jar holds exactly one");
        }
        return found.get(0);
    }

    /** Parent loader for store jars: the JDK plus the SPI packages, nothing else of ours. */
    static final class SpiOnlyClassLoader extends ClassLoader {

        private final ClassLoader spiLoader;

        SpiOnlyClassLoader(final ClassLoader spiLoader) {
            super("jitskit-spi", ClassLoader.getPlatformClassLoader());
            this.spiLoader = spiLoader;
        }

        static boolean isSpi(final String className) {
            return className.startsWith("io.jitskit.api.") || className.startsWith("io.jitskit.spec.");
        }

        @Override
        protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
            if (isSpi(name)) {
                return spiLoader.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
