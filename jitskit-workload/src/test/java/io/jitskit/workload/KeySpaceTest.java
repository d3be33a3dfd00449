package io.jitskit.workload;

import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.workload.gen.Rng;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static io.jitskit.workload.Statistics.assertBinomial;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeySpaceTest {

    private static final long SEED = 0x4B45_5953L;

    @Test
    void storeKeysInvertToTheirIds() {
        final KeySpace keys = new KeySpace(new KeyFormat.Id8(), SEED);
        final Rng rng = new Rng(SEED);
        for (int i = 0; i < 100_000; i++) {
            final long id = i < 50_000 ? i : rng.nextLong();
            assertEquals(id, keys.idOf(keys.storeKey(id)), "seed " + SEED + " id " + id);
        }
    }

    @Test
    void denseIdsBecomeScatteredDistinctKeys() {
        final KeySpace keys = new KeySpace(new KeyFormat.Id8(), SEED);
        final int n = 100_000;
        final long[] mapped = new long[n];
        for (int id = 0; id < n; id++) {
            mapped[id] = keys.storeKey(id);
        }
        final long[] sorted = mapped.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            assertNotEquals(sorted[i - 1], sorted[i], "seed " + SEED + ": two ids share a key");
        }
        // Keys of a dense id range spread over the whole 64-bit space: each of the top 4 bits is set about half the
        // time, and consecutive ids are not consecutive keys.
        for (int bit = 60; bit < 64; bit++) {
            long set = 0;
            for (final long k : mapped) {
                set += (k >>> bit) & 1;
            }
            assertBinomial(set, n, 0.5, "bit " + bit + " of store keys, seed " + SEED);
        }
        long adjacent = 0;
        for (int id = 1; id < n; id++) {
            adjacent += Math.abs(mapped[id] - mapped[id - 1]) < n ? 1 : 0;
        }
        assertEquals(0, adjacent, "seed " + SEED);
    }

    @Test
    void anotherSeedIsAnotherPermutation() {
        final KeySpace a = new KeySpace(new KeyFormat.Id8(), SEED);
        final KeySpace b = new KeySpace(new KeyFormat.Id8(), SEED + 1);
        int same = 0;
        for (int id = 0; id < 10_000; id++) {
            same += a.storeKey(id) == b.storeKey(id) ? 1 : 0;
        }
        assertEquals(0, same);
    }

    @Test
    void id8KeysAreTheStoreKeyLittleEndian() {
        final KeySpace keys = new KeySpace(new KeyFormat.Id8(), SEED);
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment buffer = arena.allocate(keys.maxKeyBytes());
            assertEquals(8, keys.writeKey(12345, buffer));
            assertEquals(keys.storeKey(12345), buffer.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(
                ByteOrder.LITTLE_ENDIAN), 0));
            assertEquals(12345, keys.idOf(buffer));
        }
    }

    @Test
    void variableKeysHaveStableLengthsFromTheirDistributionAndDistinctBytes() {
        final int min = 16;
        final int max = 40;
        final KeySpace keys = new KeySpace(new KeyFormat.Variable(new SizeDistribution.Uniform(min, max)), SEED);
        final int n = 50_000;
        final long[] lengthCounts = new long[max + 1];
        final Set<String> distinct = new HashSet<>();
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment buffer = arena.allocate(keys.maxKeyBytes());
            final MemorySegment roomy = arena.allocate(keys.maxKeyBytes() + Long.BYTES);
            for (int id = 0; id < n; id++) {
                final int length = keys.writeKey(id, buffer);
                assertTrue(length >= min && length <= max, "seed " + SEED + ": length " + length);
                assertEquals(length, keys.keyLength(id));
                final byte[] bytes = buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
                assertTrue(distinct.add(Arrays.toString(bytes)), "seed " + SEED + ": duplicate key for id " + id);
                assertEquals(id, keys.idOf(buffer));
                lengthCounts[length]++;
                keys.writeKey(id, buffer);
                assertArrayEquals(bytes, buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE),
                    "key bytes of an id are a function of the id");
                assertEquals(length, keys.writeKey(id, roomy));
                assertArrayEquals(bytes, roomy.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE),
                    "a buffer with room past the key (one-store tail) holds the same key");
            }
        }
        for (int length = min; length <= max; length++) {
            assertBinomial(lengthCounts[length], n, 1.0 / (max - min + 1), "key length " + length + ", seed " + SEED);
        }
    }

    @Test
    void bimodalKeyLengthsTakeOnlyTheirTwoSizes() {
        final KeySpace keys = new KeySpace(new KeyFormat.Variable(new SizeDistribution.Bimodal(8, 64, 0.25)), SEED);
        long small = 0;
        final int n = 100_000;
        for (int id = 0; id < n; id++) {
            final int length = keys.keyLength(id);
            assertTrue(length == 8 || length == 64, "seed " + SEED + ": " + length);
            small += length == 8 ? 1 : 0;
        }
        assertBinomial(small, n, 0.25, "bimodal key lengths, seed " + SEED);
        assertEquals(64, keys.maxKeyBytes());
        final KeySpace adjacent = new KeySpace(new KeyFormat.Variable(new SizeDistribution.Bimodal(8, 9, 0.5)), SEED);
        long nine = 0;
        for (int id = 0; id < n; id++) {
            nine += adjacent.keyLength(id) == 9 ? 1 : 0;
        }
        assertBinomial(nine, n, 0.5, "bimodal 8/9 key lengths, seed " + SEED);
    }

    @Test
    void fromTraceKeysTakeTheLengthTheTraceRecordedWithinTheCardsBounds() {
        final KeyFormat format = new KeyFormat.Variable(new SizeDistribution.FromTrace(16, 255));
        // id 0..3: recorded 48, 24, 300 (above the card: clamped), 9 (below: raised); id 4 and up: unknown (0).
        final int[] recorded = {48, 24, 300, 9};
        final KeySpace keys = new KeySpace(format, SEED, id -> id < recorded.length ? recorded[(int) id] : 0);
        assertEquals(48, keys.keyLength(0));
        assertEquals(24, keys.keyLength(1));
        assertEquals(255, keys.keyLength(2));
        assertEquals(16, keys.keyLength(3));
        final KeySpace drawn = new KeySpace(format, SEED);
        for (long id = 4; id < 1_000; id++) {
            assertEquals(drawn.keyLength(id), keys.keyLength(id), "an unknown length is drawn as without a trace");
        }
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment buffer = arena.allocate(keys.maxKeyBytes());
            assertEquals(48, keys.writeKey(0, buffer));
            assertEquals(0, keys.idOf(buffer));
            final byte[] traced = buffer.asSlice(0, 48).toArray(ValueLayout.JAVA_BYTE);
            drawn.writeKey(0, buffer);
            assertArrayEquals(Arrays.copyOf(traced, Long.BYTES),
                buffer.asSlice(0, Long.BYTES).toArray(ValueLayout.JAVA_BYTE), "the same id, the same identity");
        }
        final KeySpace uniform = new KeySpace(new KeyFormat.Variable(new SizeDistribution.Uniform(16, 255)), SEED,
            id -> 48);
        assertEquals(drawn.keyLength(0), uniform.keyLength(0), "a card's own distribution ignores the trace");
    }
}
