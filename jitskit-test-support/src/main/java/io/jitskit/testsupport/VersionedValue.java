package io.jitskit.testsupport;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Values that say who wrote them: key id, writer and version, filler derived from those, and a checksum over it all.
 * A read that returns a torn value (halves of two writes), a value of another key, or bytes nobody wrote fails
 * {@link #decode}.
 *
 * <pre>
 *   offset  size  field
 *        0     8  key id
 *        8     4  writer id
 *       12     8  version
 *       20   n-28 filler: a function of (key id, writer, version)
 *      n-8     8  checksum of bytes [0, n-8)
 * </pre>
 */
public final class VersionedValue {

    /** The smallest value that holds the encoding. */
    public static final int MIN_BYTES = 28;

    private static final long KEY_OFFSET = 0;
    private static final long WRITER_OFFSET = 8;
    private static final long VERSION_OFFSET = 12;
    private static final long FILLER_OFFSET = 20;

    /** Who wrote a value. */
    public record Stamp(int writer, long version) { }

    private VersionedValue() {
    }

    /** Encodes into the whole of {@code dst}, whose size must be at least {@link #MIN_BYTES}. */
    public static void encode(final MemorySegment dst, final long keyId, final int writer, final long version) {
        if (dst.byteSize() < MIN_BYTES) {
            throw new IllegalArgumentException("a versioned value needs " + MIN_BYTES + " bytes, got "
                + dst.byteSize());
        }
        final long checksumOffset = dst.byteSize() - Long.BYTES;
        dst.set(TestKeys.LONG_LE, KEY_OFFSET, keyId);
        dst.set(ValueLayout.JAVA_INT_UNALIGNED, WRITER_OFFSET, writer);
        dst.set(TestKeys.LONG_LE, VERSION_OFFSET, version);
        TestKeys.fill(dst.asSlice(0, checksumOffset), FILLER_OFFSET, keyId, writer, version);
        dst.set(TestKeys.LONG_LE, checksumOffset, checksum(dst, checksumOffset));
    }

    /**
     * Decodes the first {@code length} bytes of {@code src}, checking everything the encoding lets us check.
     *
     * @return the stamp, or {@code null} when the bytes are not a value of {@code keyId} written by this encoding
     */
    public static Stamp decode(final MemorySegment src, final int length, final long keyId) {
        if (length < MIN_BYTES) {
            return null;
        }
        final long checksumOffset = length - Long.BYTES;
        if (src.get(TestKeys.LONG_LE, checksumOffset) != checksum(src, checksumOffset)
            || src.get(TestKeys.LONG_LE, KEY_OFFSET) != keyId) {
            return null;
        }
        final int writer = src.get(ValueLayout.JAVA_INT_UNALIGNED, WRITER_OFFSET);
        final long version = src.get(TestKeys.LONG_LE, VERSION_OFFSET);
        long word = 0;
        for (long i = FILLER_OFFSET; i < checksumOffset; i++) {
            if (((i - FILLER_OFFSET) & 7) == 0) {
                word = TestKeys.mix(keyId, writer, version + i);
            }
            if (src.get(ValueLayout.JAVA_BYTE, i) != (byte) word) {
                return null;
            }
            word >>>= 8;
        }
        return new Stamp(writer, version);
    }

    private static long checksum(final MemorySegment bytes, final long length) {
        long h = 0xCBF29CE484222325L; // FNV-1a
        for (long i = 0; i < length; i++) {
            h = (h ^ (bytes.get(ValueLayout.JAVA_BYTE, i) & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }
}
