package io.jitskit.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class HugePagesTest {

    @Test
    void aTableIsZeroedWritableAlignedAndSaysWhichPagesItGot() {
        final long bytes = 3 * HugePages.HUGE_PAGE_BYTES + 4096;
        try (Arena arena = Arena.ofShared()) {
            final MemorySegment table = HugePages.allocate(arena, bytes);
            assertEquals(bytes, table.byteSize());
            assertEquals(0, table.address() % 64);
            if (HugePages.lastOutcome().startsWith("2 MiB")) {
                assertEquals(0, table.address() % HugePages.HUGE_PAGE_BYTES, "huge pages start on a 2 MiB boundary");
            }
            for (long off = 0; off < bytes; off += 4096) {
                assertEquals(0L, table.get(ValueLayout.JAVA_LONG, off), "not zero at " + off);
                table.set(ValueLayout.JAVA_LONG, off, off + 1);
            }
            for (long off = 0; off < bytes; off += 4096) {
                assertEquals(off + 1, table.get(ValueLayout.JAVA_LONG, off));
            }
        }
        assertNotEquals("not used", HugePages.lastOutcome());
        assertTrue(HugePages.lastOutcome().contains("pages"), HugePages.lastOutcome());
    }

    @Test
    void aTableOutlivesNoArena() {
        final MemorySegment table;
        try (Arena arena = Arena.ofConfined()) {
            table = HugePages.allocate(arena, 4096);
            table.set(ValueLayout.JAVA_LONG, 0, 7L);
        }
        // The arena closed: the mapping is gone and the segment refuses access instead of faulting.
        try {
            table.get(ValueLayout.JAVA_LONG, 0);
            throw new AssertionError("a table of a closed arena was readable");
        } catch (final IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("closed"), expected.getMessage());
        }
    }
}
