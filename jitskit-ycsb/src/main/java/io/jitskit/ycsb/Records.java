package io.jitskit.ycsb;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A YCSB record (a map of field names to bytes) as the single value a card holds per key.
 *
 * <pre>
 *   u16 count | count x ( u16 nameLength | name (UTF-8) | u32 valueLength | value ) | zero padding
 * </pre>
 *
 * <p>Little-endian, fields sorted by name, so the same record is always the same bytes (what YCSB's
 * {@code dataintegrity=true} verification needs when it reads a record back after an update of one field). The count
 * and lengths make the record self-delimiting: a store holds only the sizes its card allows, so the binding pads a
 * record with zeros up to the smallest allowed size, and the padding is never read. A record's size is
 * {@code 2 + sum(6 + name + value)}: YCSB's default record (10 fields {@code field0..field9} of 100 bytes) is
 * {@value #YCSB_DEFAULT_RECORD} bytes.
 */
final class Records {

    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The encoded size of YCSB's stock record: fieldcount=10, fieldlength=100, names field0..field9. */
    static final int YCSB_DEFAULT_RECORD = 2 + 10 * (2 + 6 + 4 + 100);

    private static final int MAX_FIELDS = 0xFFFF;

    private Records() {
    }

    /** The encoded size of {@code fields}, or -1 when it cannot be encoded (too many fields, a name too long). */
    static long size(final Map<String, byte[]> fields) {
        if (fields.size() > MAX_FIELDS) {
            return -1;
        }
        long size = 2;
        for (final Map.Entry<String, byte[]> f : fields.entrySet()) {
            final int name = f.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (name > 0xFFFF) {
                return -1;
            }
            size += 2 + name + 4 + f.getValue().length;
        }
        return size;
    }

    /**
     * Writes {@code fields} into {@code out} from offset 0 and zeroes the rest of {@code out} up to {@code paddedSize}.
     * The caller has checked that {@link #size} fits.
     */
    static void encode(final Map<String, byte[]> record, final MemorySegment out, final int paddedSize) {
        final SortedMap<String, byte[]> fields = inNameOrder(record);
        long at = 0;
        out.set(U16, at, (short) fields.size());
        at += 2;
        for (final Map.Entry<String, byte[]> f : fields.entrySet()) {
            final byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
            final byte[] value = f.getValue();
            out.set(U16, at, (short) name.length);
            at += 2;
            MemorySegment.copy(name, 0, out, ValueLayout.JAVA_BYTE, at, name.length);
            at += name.length;
            out.set(U32, at, value.length);
            at += 4;
            MemorySegment.copy(value, 0, out, ValueLayout.JAVA_BYTE, at, value.length);
            at += value.length;
        }
        out.asSlice(at, paddedSize - at).fill((byte) 0);
    }

    /** {@code fields} sorted by name, the one order a record is written in, whatever order or comparator it came in. */
    static SortedMap<String, byte[]> inNameOrder(final Map<String, byte[]> fields) {
        if (fields instanceof SortedMap<String, byte[]> sorted && sorted.comparator() == null) {
            return sorted;
        }
        final TreeMap<String, byte[]> natural = new TreeMap<>();
        natural.putAll(fields);
        return natural;
    }

    /**
     * The fields of the record in {@code in[0, length)}, only those named in {@code wanted} when it is not null.
     *
     * @throws IllegalArgumentException when the bytes are not a record (a value written by something else)
     */
    static TreeMap<String, byte[]> decode(final MemorySegment in, final int length, final Set<String> wanted) {
        final TreeMap<String, byte[]> fields = new TreeMap<>();
        if (length < 2) {
            throw new IllegalArgumentException("a value of " + length + " bytes is not a YCSB record");
        }
        final int count = Short.toUnsignedInt(in.get(U16, 0));
        long at = 2;
        for (int i = 0; i < count; i++) {
            if (at + 2 > length) {
                throw notARecord(length);
            }
            final int nameLength = Short.toUnsignedInt(in.get(U16, at));
            at += 2;
            if (at + nameLength + 4 > length) {
                throw notARecord(length);
            }
            final byte[] name = new byte[nameLength];
            MemorySegment.copy(in, ValueLayout.JAVA_BYTE, at, name, 0, nameLength);
            at += nameLength;
            final long valueLength = Integer.toUnsignedLong(in.get(U32, at));
            at += 4;
            if (at + valueLength > length) {
                throw notARecord(length);
            }
            final String key = new String(name, StandardCharsets.UTF_8);
            if (wanted == null || wanted.contains(key)) {
                final byte[] value = new byte[(int) valueLength];
                MemorySegment.copy(in, ValueLayout.JAVA_BYTE, at, value, 0, value.length);
                fields.put(key, value);
            }
            at += valueLength;
        }
        return fields;
    }

    private static IllegalArgumentException notARecord(final int length) {
        return new IllegalArgumentException("a value of " + length + " bytes is not a YCSB record (its field lengths "
            + "run past its end): was the key written by something other than the YCSB binding?");
    }
}
