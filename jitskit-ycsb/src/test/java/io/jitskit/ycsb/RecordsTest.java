package io.jitskit.ycsb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A YCSB record as one value: the same fields are the same bytes, padding is not read, foreign bytes are refused. */
class RecordsTest {

    private static TreeMap<String, byte[]> ycsbDefaultRecord() {
        final TreeMap<String, byte[]> r = new TreeMap<>();
        for (int i = 9; i >= 0; i--) {
            r.put("field" + i, ("v" + i).repeat(50).getBytes(StandardCharsets.US_ASCII));
        }
        return r;
    }

    @Test
    void ycsbsStockRecordOfTenFieldsOfHundredBytesIs1122Bytes() {
        assertEquals(1122, Records.YCSB_DEFAULT_RECORD);
        assertEquals(Records.YCSB_DEFAULT_RECORD, Records.size(ycsbDefaultRecord()));
    }

    @Test
    void aRecordDecodesToItsFieldsAndThePaddingIsIgnored() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment out = arena.allocate(1200);
            out.fill((byte) 7);
            Records.encode(ycsbDefaultRecord(), out, 1200);
            final TreeMap<String, byte[]> back = Records.decode(out, 1200, null);
            assertEquals(ycsbDefaultRecord().keySet(), back.keySet());
            ycsbDefaultRecord().forEach((k, v) -> assertArrayEquals(v, back.get(k), k));
            assertEquals(0, out.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 1199), "padded with zeros");
            assertEquals(Set.of("field3"), Records.decode(out, 1200, Set.of("field3", "absent")).keySet());
        }
    }

    @Test
    void theSameFieldsAreTheSameBytesWhateverOrderTheyCameIn() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment a = arena.allocate(1122);
            final MemorySegment b = arena.allocate(1122);
            Records.encode(ycsbDefaultRecord(), a, 1122);
            final TreeMap<String, byte[]> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
            reversed.putAll(ycsbDefaultRecord());
            Records.encode(reversed, b, 1122);
            assertEquals(-1, a.mismatch(b));
        }
    }

    @Test
    void bytesThatAreNotARecordAreRefusedNotMisread() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment v = arena.allocate(16);
            v.fill((byte) 0x7f);
            assertThrows(IllegalArgumentException.class, () -> Records.decode(v, 16, null));
        }
    }
}
