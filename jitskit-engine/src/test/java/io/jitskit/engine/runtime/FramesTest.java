package io.jitskit.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final int MAGIC = 0x5453_4554;

    /** Frames of random payloads, each payload written in up to three pieces; returns the file and the frame ends. */
    private static byte[] frames(final SplittableRandom random, final int count, final List<Long> ends,
                                 final List<byte[]> payloads) {
        final Frames.Writer writer = new Frames.Writer();
        final ByteBuffer file = ByteBuffer.allocate(count * (Frames.HEADER_BYTES + 300));
        for (int i = 0; i < count; i++) {
            final byte[] payload = new byte[random.nextInt(300)];
            random.nextBytes(payload);
            writer.begin();
            final int cut = payload.length == 0 ? 0 : random.nextInt(payload.length);
            writer.payload(ByteBuffer.wrap(payload, 0, cut));
            writer.payload(ByteBuffer.wrap(payload, cut, payload.length - cut));
            file.put(writer.header(MAGIC, i, payload.length, 1000L + i)).put(payload);
            ends.add((long) file.position());
            payloads.add(payload);
        }
        final byte[] out = new byte[file.position()];
        file.flip().get(out);
        return out;
    }

    /** How many frames from the start of {@code file} check, each with its tag, aux and payload. */
    private static int readable(final byte[] file, final List<byte[]> payloads) {
        final MemorySegment s = MemorySegment.ofArray(file);
        final CRC32C crc = new CRC32C();
        long pos = 0;
        int n = 0;
        while (true) {
            final long length = Frames.check(s, pos, file.length, MAGIC, crc);
            if (length == Frames.TORN) {
                return n;
            }
            assertEquals(n, Frames.tag(s, pos));
            assertEquals(1000L + n, Frames.aux(s, pos));
            assertEquals(-1, MemorySegment.ofArray(payloads.get(n)).mismatch(s.asSlice(pos + Frames.HEADER_BYTES,
                length)));
            pos += Frames.HEADER_BYTES + length;
            n++;
        }
    }

    @Test
    void aFileCutAnywhereKeepsExactlyTheFramesWhollyBeforeTheCut() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            final List<Long> ends = new ArrayList<>();
            final List<byte[]> payloads = new ArrayList<>();
            final byte[] file = frames(random, 1 + random.nextInt(20), ends, payloads);
            final int cut = random.nextInt(file.length + 1);
            final byte[] torn = java.util.Arrays.copyOf(file, cut);
            final int whole = (int) ends.stream().filter(e -> e <= cut).count();
            assertEquals(whole, readable(torn, payloads), "seed " + seed + ", round " + round + ", cut at " + cut);
        }
    }

    @Test
    void aFlippedBitEndsTheReadableFramesAtTheFrameHoldingIt() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 500; round++) {
            final List<Long> ends = new ArrayList<>();
            final List<byte[]> payloads = new ArrayList<>();
            final byte[] file = frames(random, 1 + random.nextInt(20), ends, payloads);
            final int at = random.nextInt(file.length);
            file[at] ^= (byte) (1 << random.nextInt(8));
            final int hit = (int) ends.stream().filter(e -> e <= at).count();
            assertEquals(hit, readable(file, payloads), "seed " + seed + ", round " + round + ", bit flipped in byte "
                + at);
        }
    }

    @Test
    void aZeroedHeaderAndAnotherKindsMagicAreNotFrames() {
        final List<Long> ends = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();
        final byte[] file = frames(new SplittableRandom(1), 2, ends, payloads);
        final MemorySegment s = MemorySegment.ofArray(file);
        assertTrue(Frames.check(s, 0, file.length, MAGIC, new CRC32C()) >= 0);
        assertEquals(Frames.TORN, Frames.check(s, 0, file.length, MAGIC + 1, new CRC32C()));
        s.asSlice(0, Frames.HEADER_BYTES).fill((byte) 0);
        assertEquals(Frames.TORN, Frames.check(s, 0, file.length, MAGIC, new CRC32C()));
    }
}
