package io.jitskit.api;

/** A read whose value does not fit the caller's buffer. */
public final class BufferTooSmallException extends StoreException {

    private final long needed;

    public BufferTooSmallException(final long needed, final long capacity) {
        super("value of " + needed + " bytes does not fit a " + capacity + "-byte buffer");
        this.needed = needed;
    }

    /** The value's size. */
    public long needed() {
        return needed;
    }
}
