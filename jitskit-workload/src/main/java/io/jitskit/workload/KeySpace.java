package io.jitskit.workload;

import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.workload.gen.Mix;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.LongToIntFunction;

/**
 * The hidden per-run mapping from dense key ids to the keys a store sees.
 *
 * <p>{@link #storeKey} is a keyed four-round Feistel network over the two 32-bit halves of the id (Luby and
 * Rackoff: four rounds of a pseudo-random round function give a strong pseudo-random permutation); the round function
 * is {@link Mix#mix64} of the half xor a round key drawn from the seed. It is a bijection on all of 64 bits, so ids
 * {@code 0..n-1} land on n scattered 64-bit keys, never a dense range, and a store tuned to identity-indexed or dense
 * keys fails (CONTRACTS section 3, and the gallery's identity-indexed array).
 *
 * <p>Wire format ({@link #writeKey}):
 * <pre>
 *   id8:       [0, 8)  storeKey(id), little-endian
 *   variable:  [0, 8)  storeKey(id), little-endian
 *              [8, L)  filler bytes, a function of (seed, id)
 *              L = a length drawn from the key-size distribution by a hash of (seed, id), so one id always has
 *                  the same key bytes and length; for {@code from-trace} sizes, the length the trace recorded for
 *                  the id (as CacheLib's replayer pads an anonymized key to its key_size), within the card's bounds,
 *                  else one of the lengths the trace was observed to hold, drawn the same way
 * </pre>
 * {@link #idOf(MemorySegment)} inverts the first 8 bytes, so the harness can name the id behind any key a store
 * returns or reports. Immutable and thread-safe; {@link #writeKey} allocates nothing.
 */
public final class KeySpace {

    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int ROUNDS = 4;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private final KeyFormat format;
    private final long[] roundKeys = new long[ROUNDS];
    private final long lengthSeed;
    private final long fillerSeed;
    private final boolean fixedLength;
    private final int minLength;
    private final int lengthSpan;
    private final long smallThreshold;
    private final boolean bimodal;
    private final int maxLength;
    private final LongToIntFunction recordedLength;
    /** A from-trace card's observed key lengths, drawn from when an id has no recorded one; null otherwise. */
    private final int[] observedLengths;

    public KeySpace(final KeyFormat format, final long seed) {
        this(format, seed, null);
    }

    /**
     * A key space whose {@code from-trace} key lengths are the ones a trace recorded.
     *
     * @param recordedLength the original key length of an id, 0 when unknown (the length is then drawn from the
     *                       lengths the trace was observed to hold, else uniformly within the card's bounds);
     *                       ignored unless the format's sizes are {@code from-trace}.
     *                       Lengths outside the card's bounds are clamped to them: check a trace against its card
     *                       before replaying it, so that this never happens silently.
     */
    public KeySpace(final KeyFormat format, final long seed, final LongToIntFunction recordedLength) {
        this.format = format;
        this.maxLength = format.maxBytes();
        final long keySeed = Mix.mix64(seed ^ 0x4B45_5953_5041_4345L);
        for (int r = 0; r < ROUNDS; r++) {
            roundKeys[r] = Mix.splitMix(keySeed, r);
        }
        this.lengthSeed = Mix.splitMix(keySeed, ROUNDS);
        this.fillerSeed = Mix.splitMix(keySeed, ROUNDS + 1);
        switch (format) {
            case KeyFormat.Id8 id8 -> {
                fixedLength = true;
                minLength = Long.BYTES;
                lengthSpan = 1;
                smallThreshold = 0;
                bimodal = false;
                this.recordedLength = null;
                this.observedLengths = null;
            }
            case KeyFormat.Variable v -> {
                final SizeDistribution sizes = v.sizes();
                fixedLength = sizes.min() == sizes.max();
                minLength = sizes.min();
                bimodal = sizes instanceof SizeDistribution.Bimodal;
                lengthSpan = bimodal ? sizes.max() - sizes.min() : sizes.max() - sizes.min() + 1;
                smallThreshold = sizes instanceof SizeDistribution.Bimodal b
                    ? (long) (b.smallWeight() * 0x1.0p53) : 0;
                final boolean traced = sizes instanceof SizeDistribution.FromTrace && !fixedLength;
                this.recordedLength = traced ? recordedLength : null;
                this.observedLengths = traced && sizes instanceof SizeDistribution.FromTrace t
                    && !t.observed().isEmpty() ? t.observedSizes() : null;
            }
        }
    }

    public KeyFormat format() {
        return format;
    }

    /** Largest key {@link #writeKey} produces; size key buffers with it. */
    public int maxKeyBytes() {
        return format.maxBytes();
    }

    /** The 64-bit key a store sees for {@code id}. */
    public long storeKey(final long id) {
        long left = id >>> 32;
        long right = id & LOW32;
        for (int r = 0; r < ROUNDS; r++) {
            final long next = left ^ round(right, r);
            left = right;
            right = next;
        }
        return left << 32 | right;
    }

    /** The id behind a 64-bit store key: the inverse of {@link #storeKey}. */
    public long idOf(final long storeKey) {
        long left = storeKey >>> 32;
        long right = storeKey & LOW32;
        for (int r = ROUNDS - 1; r >= 0; r--) {
            final long previous = right ^ round(left, r);
            right = left;
            left = previous;
        }
        return left << 32 | right;
    }

    private long round(final long half, final int r) {
        return Mix.mix64(half ^ roundKeys[r]) >>> 32;
    }

    /** The length of the key of {@code id} in bytes. */
    public int keyLength(final long id) {
        if (fixedLength) {
            return minLength;
        }
        if (recordedLength != null) {
            final int recorded = recordedLength.applyAsInt(id);
            if (recorded > 0) {
                return Math.clamp(recorded, minLength, maxLength);
            }
        }
        final long h = Mix.mix64(id ^ lengthSeed);
        if (observedLengths != null) {
            return observedLengths[(int) Math.unsignedMultiplyHigh(h, observedLengths.length)];
        }
        if (bimodal) {
            return (h >>> 11) < smallThreshold ? minLength : minLength + lengthSpan;
        }
        return minLength + (int) Math.unsignedMultiplyHigh(h, lengthSpan);
    }

    /**
     * Writes the key of {@code id} at the start of {@code dst}.
     *
     * @param dst at least {@link #maxKeyBytes()} long
     * @return the key's length; the key is {@code dst.asSlice(0, length)}
     */
    public int writeKey(final long id, final MemorySegment dst) {
        final int length = keyLength(id);
        dst.set(LONG_LE, 0, storeKey(id));
        // Filler word n: one multiply-xorshift of a per-key base stepped by the golden gamma. The words of one key are
        // independent of each other (they pipeline), and the first 8 bytes already make every key distinct, so the
        // filler needs to look arbitrary, not to be a strong hash: this costs the harness a multiply per 8 key bytes.
        final long base = Mix.mix64(fillerSeed ^ id);
        int offset = Long.BYTES;
        long n = 1;
        while (offset + Long.BYTES <= length) {
            dst.set(LONG_LE, offset, fillerWord(base, n++));
            offset += Long.BYTES;
        }
        if (offset < length) {
            long tail = fillerWord(base, n);
            if (offset + Long.BYTES <= dst.byteSize()) {
                // The buffer has room: one store, whose bytes past the key's end are not part of the key.
                dst.set(LONG_LE, offset, tail);
            } else {
                for (; offset < length; offset++, tail >>>= 8) {
                    dst.set(ValueLayout.JAVA_BYTE, offset, (byte) tail);
                }
            }
        }
        return length;
    }

    private static long fillerWord(final long base, final long n) {
        final long x = (base + n * Mix.GOLDEN_GAMMA) * 0xD6E8_FEB8_6659_FD93L;
        return x ^ (x >>> 32);
    }

    /** The id behind a key produced by {@link #writeKey} (only its first 8 bytes are read). */
    public long idOf(final MemorySegment key) {
        return idOf(key.get(LONG_LE, 0));
    }
}
