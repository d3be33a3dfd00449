package io.jitskit.spec;

import java.util.Objects;

/** How keys look on the wire to the store. */
public sealed interface KeyFormat {

    /** Largest key in bytes. */
    int maxBytes();

    /** Fixed 8-byte keys: a permuted 64-bit id, little-endian. */
    record Id8() implements KeyFormat {
        @Override public int maxBytes() { return Long.BYTES; }
    }

    /** Variable-length byte-string keys with the given size distribution (at least 8 bytes: they embed the id). */
    record Variable(SizeDistribution sizes) implements KeyFormat {
        public Variable {
            Objects.requireNonNull(sizes, "sizes");
            if (sizes.min() < Long.BYTES) {
                throw new IllegalArgumentException("variable keys must be at least 8 bytes, min was " + sizes.min());
            }
        }

        @Override public int maxBytes() { return sizes.max(); }
    }
}
