package io.jitskit.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlotLayoutTest {

    @Test
    void aVersionWordKeepsVersionStateAndLengthApart() {
        final long seed = System.nanoTime();
        System.out.println("SlotLayoutTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            final long version = random.nextLong(1L << 40);
            final int state = random.nextInt(3);
            final int length = random.nextInt(1 << 21);
            final long meta = SlotLayout.meta(version, state, length);
            assertEquals(version, SlotLayout.versionOf(meta), "seed " + seed);
            assertEquals(state, SlotLayout.stateOf(meta), "seed " + seed);
            assertEquals(length, SlotLayout.lengthOf(meta), "seed " + seed);
            assertFalse(SlotLayout.isLocked(meta), "meta() is an unlocked word");
            assertTrue(SlotLayout.isLocked(meta | SlotLayout.LOCK));
            assertEquals(state == SlotLayout.EMPTY, SlotLayout.isEmpty(meta), "seed " + seed);
            assertFalse(SlotLayout.isEmpty(meta | SlotLayout.LOCK), "a locked slot never ends a probe chain");
        }
    }

    @Test
    void everyHashHasAHomeSlotInsideTheShard() {
        final long seed = System.nanoTime();
        System.out.println("SlotLayoutTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] perSlot = new long[(int) SlotLayout.SLOTS_PER_SHARD];
        final int keys = 64 * perSlot.length;
        for (int i = 0; i < keys; i++) {
            final long home = SlotLayout.homeSlot(SlotLayout.hash(random.nextLong()));
            assertTrue(home >= 0 && home < SlotLayout.SLOTS_PER_SHARD, "home " + home + ", seed " + seed);
            perSlot[(int) home]++;
        }
        // Keys spread evenly: no slot gets four times its share (64 on average).
        for (int s = 0; s < perSlot.length; s++) {
            assertTrue(perSlot[s] < 256, "slot " + s + " got " + perSlot[s] + " of " + keys + ", seed " + seed);
        }
    }

    @Test
    void consecutiveKeysHashApart() {
        // Dense ids must not map to neighbouring slots: fmix64 moves every input bit to every output bit.
        assertTrue(Long.bitCount(SlotLayout.hash(1) ^ SlotLayout.hash(2)) > 16);
        assertTrue(SlotLayout.hash(0) != 0, "the seed keeps key 0 off hash 0");
    }

    @Test
    void probingWrapsAtTheEndOfTheShard() {
        assertEquals(1, SlotLayout.nextSlot(0));
        assertEquals(0, SlotLayout.nextSlot(SlotLayout.SLOTS_PER_SHARD - 1));
    }

    @Test
    void slotsFillWholeCacheLinesAndPayloadStartsAfterKey() {
        assertEquals(0, SlotLayout.GROUP_BYTES % 64);
        assertEquals(SlotLayout.GROUP_BYTES, SlotLayout.SLOT_BYTES * SlotLayout.SLOTS_PER_GROUP);
        assertTrue(SlotLayout.PAYLOAD_OFFSET + SlotLayout.INLINE_BYTES <= SlotLayout.SLOT_BYTES);
        assertEquals(0x1234, SlotLayout.keyLengthOf(0xABCD_0000_0000_1234L));
    }
}
