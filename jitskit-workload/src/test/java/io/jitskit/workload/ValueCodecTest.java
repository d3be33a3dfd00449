package io.jitskit.workload;

import io.jitskit.workload.gen.Rng;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jitskit.workload.Statistics.assertBinomial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueCodecTest {

    private static final long SEED = 0x7A1E_5EEDL;
    private static final int MAX_SIZE = 300;

    private final Arena arena = Arena.ofAuto();

    private MemorySegment value(final int size) {
        return arena.allocate(size);
    }

    @Test
    void everySizeRoundTripsItsVersionAsFarAsItsLayoutAllows() {
        for (final ValueCodec codec : new ValueCodec[] {ValueCodec.plain(SEED), ValueCodec.withRmwCounter(SEED)}) {
            final int smallest = codec.hasCounterWord() ? 8 : 1;
            for (int size = smallest; size <= MAX_SIZE; size++) {
                final MemorySegment v = value(size);
                final long version = VersionClock.of(0x1234_5678_9AL + size, 7);
                codec.write(42, version, 5, v);
                final String where = "seed " + SEED + " size " + size + " counter " + codec.hasCounterWord();
                assertTrue(codec.matches(42, version, v), where);
                final long verified = codec.verify(42, v);
                switch (codec.layout(size)) {
                    case FULL -> assertEquals(version, verified, where);
                    case COMPACT -> assertEquals(version & 0xFFFF_FFFFL, verified, where);
                    case TINY -> assertEquals(ValueCodec.UNVERIFIABLE, verified, where);
                }
                assertEquals(version & codec.versionMask(size), codec.layout(size) == ValueCodec.Layout.TINY ? 0
                    : verified, where);
                if (codec.hasCounterWord()) {
                    assertEquals(5, ValueCodec.counter(v), where);
                }
            }
        }
    }

    @Test
    void aCounterCodecWritesValuesShorterThanTheCounterWordWithoutOne() {
        final ValueCodec counter = ValueCodec.withRmwCounter(SEED);
        for (int size = 1; size < Long.BYTES; size++) {
            final MemorySegment v = value(size);
            counter.write(42, 9, 5, v);
            final String where = "seed " + SEED + " size " + size;
            assertTrue(counter.matches(42, 9, v), where);
            assertEquals(ValueCodec.UNVERIFIABLE, counter.verify(42, v), where);
            final MemorySegment plain = value(size);
            ValueCodec.plain(SEED).write(42, 9, plain);
            assertEquals(-1, v.mismatch(plain), "the same bytes as the plain codec's TINY value, " + where);
            v.set(ValueLayout.JAVA_BYTE, size - 1, (byte) ~v.get(ValueLayout.JAVA_BYTE, size - 1));
            assertFalse(counter.matches(42, 9, v), "every byte is checked, " + where);
        }
    }

    @Test
    void layoutsChangeAtTheDocumentedSizes() {
        final ValueCodec plain = ValueCodec.plain(SEED);
        final ValueCodec counter = ValueCodec.withRmwCounter(SEED);
        assertEquals(ValueCodec.Layout.TINY, plain.layout(7));
        assertEquals(ValueCodec.Layout.COMPACT, plain.layout(8));
        assertEquals(ValueCodec.Layout.COMPACT, plain.layout(23));
        assertEquals(ValueCodec.Layout.FULL, plain.layout(24));
        assertEquals(ValueCodec.Layout.TINY, counter.layout(15));
        assertEquals(ValueCodec.Layout.COMPACT, counter.layout(16));
        assertEquals(ValueCodec.Layout.FULL, counter.layout(24));
        assertEquals(63, plain.versionBits(100));
        assertEquals(32, plain.versionBits(20));
        assertEquals(0, counter.versionBits(12));
    }

    @Test
    void theCounterWordIsOutsideTheCheck() {
        final ValueCodec codec = ValueCodec.withRmwCounter(SEED);
        for (final int size : new int[] {16, 20, 24, 100}) {
            final MemorySegment v = value(size);
            codec.write(9, 1000, v);
            final long before = codec.verify(9, v);
            v.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 77); // what an rmw does
            assertEquals(before, codec.verify(9, v), "size " + size);
        }
        final MemorySegment plain = value(100);
        ValueCodec.plain(SEED).write(9, 1000, plain);
        plain.set(ValueLayout.JAVA_BYTE, 3, (byte) (plain.get(ValueLayout.JAVA_BYTE, 3) ^ 1));
        assertEquals(ValueCodec.CORRUPT, ValueCodec.plain(SEED).verify(9, plain), "a plain codec checks bytes 0..7");
    }

    @Test
    void aValueWithoutTheSeedIsUnpredictable() {
        // A store that knows key and version but not the seed: another seed's bytes fail, bytes differ everywhere.
        final ValueCodec real = ValueCodec.plain(SEED);
        final ValueCodec guess = ValueCodec.plain(SEED + 1);
        final int size = 100;
        final MemorySegment a = value(size);
        final MemorySegment b = value(size);
        long differingBits = 0;
        final int keys = 2000;
        for (int key = 0; key < keys; key++) {
            real.write(key, 256 + key, a);
            guess.write(key, 256 + key, b);
            assertTrue(real.verify(key, b) < 0, "seed " + SEED + " key " + key + ": a guessed value verified");
            for (int i = 24; i < size - 8; i += 8) {
                differingBits += Long.bitCount(a.get(ValueLayout.JAVA_LONG_UNALIGNED, i)
                    ^ b.get(ValueLayout.JAVA_LONG_UNALIGNED, i));
            }
        }
        // Body bits of two seeds differ like independent coin flips.
        final long bodyBits = (long) keys * 9 * 64;
        assertBinomial(differingBits, bodyBits, 0.5, "bits differing between seeds");
    }

    @Test
    void valueBytesCarryRealEntropy() {
        final ValueCodec codec = ValueCodec.plain(SEED);
        final MemorySegment v = value(1000);
        long ones = 0;
        final int values = 200;
        for (int version = 0; version < values; version++) {
            codec.write(7, version, v);
            for (int i = 24; i < 992; i += 8) {
                ones += Long.bitCount(v.get(ValueLayout.JAVA_LONG_UNALIGNED, i));
            }
        }
        assertBinomial(ones, (long) values * 121 * 64, 0.5, "one bits in value bodies, seed " + SEED);
    }

    @Test
    void randomBytesNeverVerify() {
        final ValueCodec codec = ValueCodec.plain(SEED);
        final Rng rng = new Rng(SEED);
        for (final int size : new int[] {8, 16, 23, 24, 40, 100}) {
            final MemorySegment v = value(size);
            for (int trial = 0; trial < 10_000; trial++) {
                for (int i = 0; i < size; i++) {
                    v.set(ValueLayout.JAVA_BYTE, i, (byte) rng.nextLong());
                }
                assertTrue(codec.verify(3, v) < 0, "seed " + SEED + " size " + size + " trial " + trial);
            }
        }
    }

    @Test
    void anotherKeysValueIsDetected() {
        for (final ValueCodec codec : new ValueCodec[] {ValueCodec.plain(SEED), ValueCodec.withRmwCounter(SEED)}) {
            for (int size = codec.hasCounterWord() ? 16 : 8; size <= 120; size++) {
                final MemorySegment v = value(size);
                codec.write(1001, 512, v);
                final long verdict = codec.verify(1002, v);
                final String where = "seed " + SEED + " size " + size + " counter " + codec.hasCounterWord();
                assertTrue(verdict < 0, where);
                if (size >= ValueCodec.FULL_MIN_BYTES) {
                    assertEquals(ValueCodec.WRONG_KEY, verdict, where);
                }
                assertFalse(codec.matches(1002, 512, v), where);
            }
        }
    }

    /**
     * Every same-size tear between two versions (bytes before {@code cut} from v1, from {@code cut} on from v2) is
     * detected wherever the result differs from both, for every size the layout can check; and it is classified as
     * TORN where the class comment promises.
     */
    @Test
    void tornValuesAreDetectedAtEveryCutAndSize() {
        for (final ValueCodec codec : new ValueCodec[] {ValueCodec.plain(SEED), ValueCodec.withRmwCounter(SEED)}) {
            final int reserved = codec.hasCounterWord() ? 8 : 0;
            for (int size = reserved + 8; size <= 160; size++) {
                final MemorySegment v1 = value(size);
                final MemorySegment v2 = value(size);
                final MemorySegment torn = value(size);
                final long version1 = VersionClock.of(40, 1);
                final long version2 = VersionClock.of(41, 2);
                codec.write(77, version1, v1);
                codec.write(77, version2, v2);
                final int lastBodyWord = ValueCodec.FULL_MIN_BYTES
                    + ((size - 8 - ValueCodec.FULL_MIN_BYTES) / 8 - 1) * 8;
                for (int cut = reserved + 1; cut < size; cut++) {
                    MemorySegment.copy(v1, 0, torn, 0, cut);
                    MemorySegment.copy(v2, cut, torn, cut, size - cut);
                    if (sameChecked(torn, v1, reserved) || sameChecked(torn, v2, reserved)) {
                        continue; // the bytes that differ lie outside the checked range: nothing was torn
                    }
                    final long verdict = codec.verify(77, torn);
                    final String where = "seed " + SEED + " size " + size + " cut " + cut + " counter "
                        + codec.hasCounterWord();
                    assertTrue(verdict < 0, where + ": torn value verified as " + verdict);
                    assertFalse(codec.matches(77, version1, torn) || codec.matches(77, version2, torn), where);
                    if (size >= 40 && cut >= ValueCodec.FULL_MIN_BYTES && cut <= lastBodyWord) {
                        assertEquals(ValueCodec.TORN, verdict, where);
                    }
                }
            }
        }
    }

    @Test
    void aFlippedBitAnywhereInTheCheckedBytesIsDetected() {
        for (final ValueCodec codec : new ValueCodec[] {ValueCodec.plain(SEED), ValueCodec.withRmwCounter(SEED)}) {
            final int reserved = codec.hasCounterWord() ? 8 : 0;
            for (int size = reserved + 8; size <= 160; size++) {
                final MemorySegment v = value(size);
                codec.write(11, 4096, v);
                for (int at = reserved; at < size; at++) {
                    final byte original = v.get(ValueLayout.JAVA_BYTE, at);
                    v.set(ValueLayout.JAVA_BYTE, at, (byte) (original ^ (1 << (at & 7))));
                    assertTrue(codec.verify(11, v) < 0, "seed " + SEED + " size " + size + " flipped byte " + at
                        + " counter " + codec.hasCounterWord());
                    v.set(ValueLayout.JAVA_BYTE, at, original);
                }
                assertEquals(4096 & codec.versionMask(size), codec.verify(11, v));
            }
        }
    }

    /** A tear that keeps both ends of v1 and takes a window in the middle from v2 (a seqlock missing a retry). */
    @Test
    void aWindowFromAnotherVersionInsideAValueIsDetected() {
        final ValueCodec codec = ValueCodec.plain(SEED);
        for (final int size : new int[] {24, 33, 64, 100, 257}) {
            final MemorySegment v1 = value(size);
            final MemorySegment v2 = value(size);
            final MemorySegment torn = value(size);
            codec.write(5, 1 << 8, v1);
            codec.write(5, 2 << 8, v2);
            for (int from = 0; from < size; from++) {
                for (int to = from + 1; to <= size; to += 3) {
                    MemorySegment.copy(v1, 0, torn, 0, size);
                    MemorySegment.copy(v2, from, torn, from, to - from);
                    if (sameChecked(torn, v1, 0) || sameChecked(torn, v2, 0)) {
                        continue;
                    }
                    assertTrue(codec.verify(5, torn) < 0, "seed " + SEED + " size " + size + " window [" + from
                        + ", " + to + ")");
                }
            }
        }
    }

    /** The gallery's "store a prefix and regenerate the rest": without the seed, the rest comes out wrong. */
    @Test
    void aStoredPrefixWithAnInventedRestIsDetected() {
        final ValueCodec codec = ValueCodec.plain(SEED);
        final MemorySegment real = value(100);
        final MemorySegment faked = value(100);
        codec.write(8, 777, real);
        for (int prefix = 0; prefix < 100; prefix++) {
            faked.fill((byte) 0);
            MemorySegment.copy(real, 0, faked, 0, prefix);
            assertTrue(codec.verify(8, faked) < 0, "prefix " + prefix);
        }
    }

    private static boolean sameChecked(final MemorySegment a, final MemorySegment b, final int from) {
        return a.asSlice(from).mismatch(b.asSlice(from)) == -1;
    }

    @Test
    void tinyValuesAreCheckedAgainstAnExpectedVersion() {
        final ValueCodec codec = ValueCodec.plain(SEED);
        for (int size = 1; size < 8; size++) {
            final MemorySegment v = value(size);
            codec.write(5, 300, v);
            assertTrue(codec.matches(5, 300, v), "size " + size);
            int falseMatches = 0;
            for (int version = 0; version < 256; version++) {
                falseMatches += version != 300 && codec.matches(5, version, v) ? 1 : 0;
            }
            // A 1-byte value collides with another version with probability 1/256: allow a few, not many.
            assertTrue(falseMatches <= (size == 1 ? 8 : 1), "size " + size + ": " + falseMatches + " false matches");
        }
    }

    @Test
    void writesThatCannotHoldTheirVersionAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.withRmwCounter(SEED).write(1, 1, value(0)));
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.plain(SEED).write(1, -1, value(64)));
    }
}
