package io.jitskit.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class HashIndexTest {

    @Test
    void aClaimedKeyIsFoundWithItsMetaAndAnAbsentKeyIsNot() {
        final long seed = System.nanoTime();
        System.out.println("HashIndexTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        try (Arena arena = Arena.ofShared()) {
            final HashIndex index = new HashIndex(arena);
            final long[] found = new long[2];
            final Map<Long, Long> metas = new HashMap<>();
            final int keys = (int) (HashIndex.MAX_CLAIMED / 2);
            for (int i = 0; i < keys; i++) {
                final long key = random.nextLong();
                final long at = index.claim(key, Layout.hash(key), found);
                if (found[1] == 1) {
                    continue; // a repeated random key: already present
                }
                final long meta = Layout.logMeta(1, 16L * i, 48);
                index.releaseMeta(at, meta);
                metas.put(key, meta);
            }
            for (final Map.Entry<Long, Long> e : metas.entrySet()) {
                final long at = index.find(e.getKey(), Layout.hash(e.getKey()), found);
                assertNotEquals(HashIndex.ABSENT, at, "seed " + seed);
                assertEquals(e.getValue(), found[0], "seed " + seed);
                assertEquals(e.getKey(), index.keyAt(at));
            }
            assertEquals(metas.size(), index.claimedSlots());
            long absent = random.nextLong();
            while (metas.containsKey(absent)) {
                absent = random.nextLong();
            }
            assertEquals(HashIndex.ABSENT, index.find(absent, Layout.hash(absent), found));
        }
    }

    @Test
    void aKeyClaimedAgainFindsItsOwnSlot() {
        try (Arena arena = Arena.ofShared()) {
            final HashIndex index = new HashIndex(arena);
            final long[] found = new long[2];
            final long at = index.claim(42, Layout.hash(42), found);
            assertEquals(0, found[1]);
            index.releaseMeta(at, Layout.logMeta(0, 0, 32));
            assertEquals(at, index.claim(42, Layout.hash(42), found));
            assertEquals(1, found[1], "present, not claimed twice");
            assertEquals(Layout.logMeta(0, 0, 32), found[0]);
        }
    }

    @Test
    void twoInsertersOfOneKeyGetOneSlot() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final HashIndex index = new HashIndex(arena);
            for (long key = 1; key <= 2_000; key++) {
                final long k = key;
                final CyclicBarrier start = new CyclicBarrier(2);
                final CompletableFuture<long[]> a = CompletableFuture.supplyAsync(() -> insert(index, k, 1, start));
                final CompletableFuture<long[]> b = CompletableFuture.supplyAsync(() -> insert(index, k, 2, start));
                final long[] ra = a.get();
                final long[] rb = b.get();
                assertEquals(ra[0], rb[0], "key " + k + " in two slots");
                assertTrue(ra[1] + rb[1] == 1, "exactly one claim of key " + k);
            }
            assertEquals(2_000, index.claimedSlots());
        }
    }

    /** Claims {@code key} and publishes a meta if it claimed; returns (slot offset, 1 if it claimed). */
    private static long[] insert(final HashIndex index, final long key, final int log, final CyclicBarrier start) {
        try {
            start.await();
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        final long[] found = new long[2];
        final long at = index.claim(key, Layout.hash(key), found);
        if (found[1] == 0) {
            index.releaseMeta(at, Layout.logMeta(log, 16 * key, 32));
            return new long[] {at, 1};
        }
        return new long[] {at, 0};
    }
}
