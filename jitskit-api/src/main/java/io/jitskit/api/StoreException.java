package io.jitskit.api;

/** A store refused an operation for a reason the caller caused. */
public class StoreException extends RuntimeException {

    public StoreException(final String message) {
        super(message);
    }

    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
