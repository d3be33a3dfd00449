package io.jitskit.spec;

import java.util.Locale;

/** The point operations of the store SPI, as named in spec cards. */
public enum Operation {
    READ, UPSERT, RMW, DELETE, INSERT;

    /** The name used in spec cards, e.g. {@code rmw}. */
    public String cardName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the operation changes the store's state. */
    public boolean isMutation() {
        return this != READ;
    }
}
