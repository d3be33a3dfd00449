package io.jitskit.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

    private static final int MAX_VALUE = ReadCache.ENTRY_BYTES - ReadCache.HEADER_BYTES;

    @Test
    void aCachedRecordReadsBackByItsMetaAndAnotherMetaMisses() {
        try (Arena arena = Arena.ofShared()) {
            final ReadCache cache = new ReadCache(arena);
            final MemorySegment value = arena.allocate(MAX_VALUE);
            value.fill((byte) 0x3C);
            final long meta = Layout.logMeta(1, 4096, Layout.recordBytes(MAX_VALUE));
            cache.put(meta, 7, value, 0, MAX_VALUE);
            final MemorySegment out = arena.allocate(MAX_VALUE);
            assertEquals(MAX_VALUE, cache.get(meta, out));
            assertEquals(-1, value.mismatch(out));
            assertEquals(-1, cache.get(Layout.logMeta(1, 8192, 48), out), "another record of the key is a miss");
            assertEquals(1, cache.occupied());
        }
    }

    @Test
    void aValueLargerThanAnEntryIsNotCached() {
        try (Arena arena = Arena.ofShared()) {
            final ReadCache cache = new ReadCache(arena);
            final MemorySegment big = arena.allocate(MAX_VALUE + 1);
            final long meta = Layout.logMeta(0, 0, Layout.recordBytes(MAX_VALUE + 1));
            assertFalse(cache.put(meta, 1, big, 0, MAX_VALUE + 1));
            assertEquals(-1, cache.get(meta, arena.allocate(MAX_VALUE + 1)));
        }
    }

    @Test
    void aBurstOfOneTimeReadsDoesNotFlushAFrequentlyReadRecord() {
        // StoreConfig: CLOCK with W-TinyLFU admission.
        assertTrue(ReadCache.TINY_LFU && ReadCache.CLOCK);
        try (Arena arena = Arena.ofShared()) {
            final ReadCache cache = new ReadCache(arena);
            final MemorySegment value = arena.allocate(16);
            final MemorySegment out = arena.allocate(16);
            final long hotKey = 1;
            final long hotMeta = Layout.logMeta(0, 0, 48);
            for (int i = 0; i < 10; i++) {
                cache.recordAccess(Layout.hash(hotKey));
            }
            cache.put(hotMeta, hotKey, value, 0, 16);
            // One-time keys whose records land in every way of every set, the hot record's set among them.
            long offset = 16;
            for (long key = 100; key < 100 + 4L * ReadCache.SETS * ReadCache.WAYS; key++) {
                cache.recordAccess(Layout.hash(key));
                cache.put(Layout.logMeta(0, offset, 48), key, value, 0, 16);
                offset += 16;
            }
            assertEquals(16, cache.get(hotMeta, out), "admission kept the hot record");
        }
    }
}
