package io.jitskit.api;

/** A value whose size the spec does not allow. Never padded or cut: refused. */
public final class ValueSizeException extends StoreException {

    public ValueSizeException(final long size, final String allowed) {
        super("value of " + size + " bytes is outside the spec's value sizes " + allowed
            + "; write a value of an allowed size or widen workload.values in the spec");
    }
}
