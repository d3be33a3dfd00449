package io.jitskit.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void aLogMetaNamesItsLogOffsetAndRecordSize() {
        final long seed = System.nanoTime();
        System.out.println("LayoutTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            final int log = random.nextInt(256);
            final long offset = random.nextLong(1L << 40) << 4;
            final int bytes = Layout.recordBytes(random.nextInt(Layout.MAX_RECORD_BYTES - Layout.HEADER_BYTES - 15));
            final long meta = Layout.logMeta(log, offset, bytes);
            assertEquals(Layout.TAG_LOG, Layout.tag(meta), "seed " + seed);
            assertEquals(log, Layout.logIdOf(meta), "seed " + seed);
            assertEquals(offset, Layout.offsetOf(meta), "seed " + seed);
            assertEquals(bytes, Layout.recordBytesOf(meta), "seed " + seed);
            assertTrue(Layout.isLive(meta));
        }
    }

    @Test
    void tinyValuesLiveInTheMetaAndTombstonesAreNotLive() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment value = arena.allocateFrom("abcdefg");
            final long meta = Layout.inlineMeta(value, 7);
            assertEquals(Layout.TAG_INLINE, Layout.tag(meta));
            assertEquals(7, Layout.inlineLengthOf(meta));
            final MemorySegment out = arena.allocate(7);
            Layout.copyInline(meta, out, 7);
            assertEquals(-1, value.asSlice(0, 7).mismatch(out));
        }
        final long tombstone = Layout.tombstone(3, 99);
        assertEquals(Layout.TAG_TOMBSTONE, Layout.tag(tombstone));
        assertFalse(Layout.isLive(tombstone));
        assertNotEquals(tombstone, Layout.tombstone(3, 100), "tombstones are unique per delete");
        assertFalse(Layout.isLive(Layout.EMPTY) || Layout.isLive(Layout.BUSY));
    }

    @Test
    void recordsAreSixteenByteAlignedAndTheChecksumSeesEveryByte() {
        assertEquals(32, Layout.recordBytes(0));
        assertEquals(48, Layout.recordBytes(1));
        assertEquals(48, Layout.recordBytes(16));
        try (Arena arena = Arena.ofConfined()) {
            final int valueLength = 13;
            final MemorySegment record = arena.allocate(Layout.recordBytes(valueLength));
            for (long i = 0; i < Layout.CHECK_OFFSET; i++) {
                record.set(Layout.BYTE, i, (byte) (i * 7 + 1));
            }
            for (long i = Layout.VALUE_OFFSET; i < Layout.VALUE_OFFSET + valueLength; i++) {
                record.set(Layout.BYTE, i, (byte) (i * 13 + 5));
            }
            final int check = Layout.checksum(record, 0, valueLength);
            for (final long at : new long[] {0, Layout.RECORD_KEY_OFFSET + 3, Layout.SERIAL_OFFSET,
                Layout.SESSION_OFFSET + 1, Layout.VALUE_OFFSET + valueLength - 1}) {
                final byte b = record.get(Layout.BYTE, at);
                record.set(Layout.BYTE, at, (byte) (b ^ 1));
                assertNotEquals(check, Layout.checksum(record, 0, valueLength), "a flipped bit at " + at);
                record.set(Layout.BYTE, at, b);
            }
            assertEquals(check, Layout.checksum(record, 0, valueLength));
        }
    }
}
