package io.jitskit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class VersionedValueTest {

    @Test
    void decodesWhatItEncoded() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment value = arena.allocate(100);
            VersionedValue.encode(value, 7, 1, 42);
            assertEquals(new VersionedValue.Stamp(1, 42), VersionedValue.decode(value, 100, 7));
        }
    }

    @Test
    void rejectsAValueOfAnotherKey() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment value = arena.allocate(64);
            VersionedValue.encode(value, 7, 1, 42);
            assertNull(VersionedValue.decode(value, 64, 8));
        }
    }

    @Test
    void rejectsATornValueMadeOfTwoWritesOfDifferentSizes() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment older = arena.allocate(120);
            final MemorySegment newer = arena.allocate(60);
            VersionedValue.encode(older, 7, 0, 1);
            VersionedValue.encode(newer, 7, 0, 2);
            // The first half of the new write over the old value, read with either length.
            final MemorySegment torn = arena.allocate(120);
            torn.copyFrom(older);
            MemorySegment.copy(newer, 0, torn, 0, 30);
            assertNull(VersionedValue.decode(torn, 120, 7));
            assertNull(VersionedValue.decode(torn, 60, 7));
        }
    }

    @Test
    void rejectsASingleFlippedBitAnywhere() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment value = arena.allocate(VersionedValue.MIN_BYTES + 5);
            for (long i = 0; i < value.byteSize(); i++) {
                VersionedValue.encode(value, 3, 1, 9);
                value.set(ValueLayout.JAVA_BYTE, i, (byte) (value.get(ValueLayout.JAVA_BYTE, i) ^ 1));
                assertNull(VersionedValue.decode(value, (int) value.byteSize(), 3), "bit flipped at byte " + i);
            }
        }
    }
}
