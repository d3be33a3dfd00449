package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class SessionControlTest {

    @Test
    void blocksAreTwoCacheLinesApartAndEveryWordFitsItsBlock() {
        assertEquals(128, SessionControl.block(1) - SessionControl.block(0));
        for (final long word : new long[] {SessionControl.STATE, SessionControl.SERIAL, SessionControl.OPS,
            SessionControl.PROBES, SessionControl.MAX_PROBE, SessionControl.RETRIES, SessionControl.LIVE}) {
            assertTrue(word % 8 == 0 && word + 8 <= 64, "word at " + word + " leaves the block's first line");
        }
    }

    @Test
    void theFlusherReadsTheSerialASessionReleased() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment control = arena.allocate(3 * SessionControl.STRIDE, 128);
            SessionControl.WORD.setRelease(control, SessionControl.block(2) + SessionControl.SERIAL, 77L);
            assertEquals(77L, SessionControl.serialAcquire(control, 2));
            assertEquals(0L, SessionControl.serialAcquire(control, 1));
        }
    }
}
