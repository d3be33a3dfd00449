package io.jitskit.api;

/** A store that cannot be found or loaded: unknown name, unreadable jar, a jar with no provider. */
public final class StoreLoadException extends Exception {

    public StoreLoadException(final String message) {
        super(message);
    }

    public StoreLoadException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
