package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ValueSlabTest {

    /** Sizes the default config sends to the slab: longer than inline, up to the largest class. */
    private static final int SMALLEST = SlotLayout.INLINE_BYTES + 1;
    private static final int[] CHUNKS = StoreConfig.slabChunkBytes();
    private static final int LARGEST = CHUNKS[CHUNKS.length - 1];

    @Test
    void everySlabSizeGetsTheSmallestClassThatHoldsIt() {
        for (int len = SMALLEST; len <= LARGEST; len++) {
            final int cls = ValueSlab.classOf(len);
            assertTrue(cls >= 0 && cls < ValueSlab.CLASSES, "class " + cls + " of " + len);
            assertTrue(CHUNKS[cls] >= len, len + " bytes do not fit class " + cls);
            if (cls > 0) {
                assertTrue(CHUNKS[cls - 1] < len, len + " bytes would fit the smaller class " + (cls - 1));
            }
        }
    }

    @Test
    void aReferenceNamesItsClassPageAndOffset() {
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 4 * ValueSlab.PAGE_BYTES);
            final ValueSlab.ThreadCache cache = slab.newCache();
            for (int cls = 0; cls < ValueSlab.CLASSES; cls++) {
                final long ref = cache.allocate(cls);
                assertNotEquals(0, ref, "0 is never a chunk");
                assertEquals(cls, ValueSlab.classOfRef(ref));
                assertEquals(0, ValueSlab.offsetOf(ref) % 8);
                assertTrue(ValueSlab.offsetOf(ref) + CHUNKS[cls] <= ValueSlab.PAGE_BYTES);
                assertEquals(slab.pages()[ValueSlab.pageIndex(ref)], slab.page(ref));
            }
        }
    }

    @Test
    void aFreedChunkIsReusedBeforeNewMemory() {
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 4 * ValueSlab.PAGE_BYTES);
            final ValueSlab.ThreadCache cache = slab.newCache();
            final long first = cache.allocate(1);
            cache.free(first);
            assertEquals(first, cache.allocate(1));
            final long reserved = slab.reservedBytes();
            for (int i = 0; i < 1000; i++) {
                cache.free(cache.allocate(2));
            }
            assertEquals(reserved, slab.reservedBytes(), "churn of one chunk must not grow the slab");
        }
    }

    @Test
    void copiesInAndOutRoundTripValueBytes() {
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 4 * ValueSlab.PAGE_BYTES);
            final ValueSlab.ThreadCache cache = slab.newCache();
            final MemorySegment value = arena.allocate(LARGEST);
            for (int i = 0; i < LARGEST; i++) {
                value.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
            }
            final long ref = cache.allocate(ValueSlab.classOf(LARGEST));
            slab.copyIn(value, ref, LARGEST);
            final MemorySegment out = arena.allocate(LARGEST);
            slab.copyOut(ref, out, LARGEST);
            assertEquals(-1, value.mismatch(out));
        }
    }

    @Test
    void sessionsAllocatingAtOnceNeverShareAChunk() throws Exception {
        final long seed = System.nanoTime();
        System.out.println("ValueSlabTest seed " + seed);
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, 64 * ValueSlab.PAGE_BYTES);
            final List<CompletableFuture<List<Long>>> sessions = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                final long sessionSeed = seed + s;
                final int tag = s;
                sessions.add(CompletableFuture.supplyAsync(() -> churn(slab, new SplittableRandom(sessionSeed), tag)));
            }
            final Set<Long> held = new HashSet<>();
            for (int s = 0; s < sessions.size(); s++) {
                for (final long ref : sessions.get(s).get()) {
                    assertTrue(held.add(ref & ((1L << ValueSlab.CLASS_SHIFT) - 1)), "chunk held twice, seed " + seed);
                    // A chunk still holds its session's tag in every byte: no other session wrote into it.
                    final MemorySegment page = slab.page(ref);
                    final int size = CHUNKS[ValueSlab.classOfRef(ref)];
                    for (int b = 0; b < size; b++) {
                        assertEquals((byte) s, page.get(ValueLayout.JAVA_BYTE, ValueSlab.offsetOf(ref) + b),
                            "seed " + seed);
                    }
                }
            }
        }
    }

    /** Allocates, fills with {@code tag} and frees at random; returns the chunks still held. */
    private static List<Long> churn(final ValueSlab slab, final SplittableRandom random, final int tag) {
        final ValueSlab.ThreadCache cache = slab.newCache();
        final List<Long> held = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            if (!held.isEmpty() && random.nextInt(3) == 0) {
                cache.free(held.remove(random.nextInt(held.size())));
            } else {
                final long ref = cache.allocate(ValueSlab.classOf(random.nextInt(SMALLEST, LARGEST + 1)));
                slab.page(ref).asSlice(ValueSlab.offsetOf(ref), CHUNKS[ValueSlab.classOfRef(ref)]).fill((byte) tag);
                held.add(ref);
            }
        }
        return held;
    }

    @Test
    void aFullSlabSaysSoInsteadOfOverwriting() {
        try (Arena arena = Arena.ofShared()) {
            final ValueSlab slab = new ValueSlab(arena, ValueSlab.PAGE_BYTES);
            final ValueSlab.ThreadCache cache = slab.newCache();
            final StoreException e = assertThrows(StoreException.class, () -> {
                for (long i = 0; i <= ValueSlab.PAGE_BYTES / CHUNKS[0]; i++) {
                    cache.allocate(0);
                }
            });
            assertTrue(e.getMessage().contains("value slab full"), e.getMessage());
        }
    }
}
