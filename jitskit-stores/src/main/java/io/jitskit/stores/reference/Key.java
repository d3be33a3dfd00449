package io.jitskit.stores.reference;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * An immutable copy of a key's bytes, the map's key type. The hash is computed once, at the copy, because every
 * operation hashes its key and the copy is already paid for.
 */
final class Key {

    private final byte[] bytes;
    private final int hash;

    private Key(final byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code key}'s bytes: the caller owns the segment and may reuse it the moment the call returns. */
    static Key copyOf(final MemorySegment key) {
        return new Key(key.toArray(ValueLayout.JAVA_BYTE));
    }

    /** Wraps bytes read back from a file; the caller hands over ownership of {@code bytes}. */
    static Key wrap(final byte[] bytes) {
        return new Key(bytes);
    }

    /** The key's bytes. Never modified, by this class or its callers. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Key that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public String toString() {
        return "Key" + Arrays.toString(bytes);
    }
}
