package io.jitskit.baselines.mvstore;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A variable-length key for MVStore's object data type: ordered and equal by content. Serializable because that is
 * how MVStore's default type stores objects it has no dedicated codec for.
 */
record KeyBytes(byte[] bytes) implements Serializable, Comparable<KeyBytes> {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(final Object o) {
        return o instanceof KeyBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(final KeyBytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "KeyBytes" + Arrays.toString(bytes);
    }
}
