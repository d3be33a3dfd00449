package io.jitskit.gate;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what a user or a test names into a store provider: a registered store name, the path of a store jar (loaded
 * in its own class loader by {@link StoreFactory}), or the class name of a provider on the class path (how the
 * gallery's broken stores, which are not registered, are named). The same string reaches child JVMs, which locate
 * the provider again.
 */
public final class StoreLocator {

    private StoreLocator() {
    }

    /** The provider {@code ref} names. */
    public static StoreProvider locate(final String ref) throws StoreLoadException {
        if (looksLikeClassName(ref) && !Files.exists(Path.of(ref))) {
            final StoreProvider byClass = byClassName(ref);
            if (byClass != null) {
                return byClass;
            }
        }
        return StoreFactory.find(ref);
    }

    /** Whether the store comes from a jar (and so runs in an isolated class loader). */
    public static boolean isJar(final String ref) {
        return ref.endsWith(".jar") || Files.isRegularFile(Path.of(ref));
    }

    private static boolean looksLikeClassName(final String ref) {
        return ref.indexOf('.') > 0 && !ref.endsWith(".jar") && ref.indexOf('/') < 0;
    }

    private static StoreProvider byClassName(final String className) throws StoreLoadException {
        final Class<?> type;
        try {
            type = Class.forName(className, true, StoreLocator.class.getClassLoader());
        } catch (final ClassNotFoundException e) {
            return null;
        }
        if (!StoreProvider.class.isAssignableFrom(type)) {
            throw new StoreLoadException(className + ": not a " + StoreProvider.class.getName()
                + "; name a store, a store jar, or a provider class");
        }
        try {
            return (StoreProvider) type.getDeclaredConstructor().newInstance();
        } catch (final ReflectiveOperationException e) {
            throw new StoreLoadException(className + ": cannot be instantiated (" + e + "); a provider needs a public "
                + "no-argument constructor", e);
        }
    }
}
