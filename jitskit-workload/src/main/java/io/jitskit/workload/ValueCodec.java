package io.jitskit.workload;

import io.jitskit.workload.gen.Mix;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Value bytes a store cannot forge (CONTRACTS section 3): a function of (key id, version, hidden seed) with real
 * entropy, self-describing enough that the harness can verify every read.
 *
 * <h2>Layouts</h2>
 * Word {@code [0, 8)} is the <em>counter word</em>. A codec made {@link #withRmwCounter} reserves it for the
 * {@code add-u64} counter: {@link #write} stores the given counter there and {@link #verify} ignores it, because rmw
 * changes it without changing the rest. A {@link #plain} codec fills it with keyed stream bytes and checks it like
 * any other byte. Let {@code R} be 8 with a counter word and 0 without, {@code n} the value size, and
 * {@code S(i)} the i-th word of a keyed stream seeded by (seed, key id, version).
 * <pre>
 * FULL, n &gt;= 24:
 *   0        8         16              20             24                       n-8        n
 *   +--------+---------+---------------+--------------+-------- ... -----------+----------+
 *   | S(0) / | version | check(key, v) | fp(key)      | S(3) S(4) ... (body)   | trailer  |
 *   | counter| u64 LE  | 32 bits       | 32 bits      |                        | v ^ mask |
 *   +--------+---------+---------------+--------------+-------- ... -----------+----------+
 *   the trailer exists when n &gt;= 32; body word i sits at offset 8i, a final partial word keeps its low bytes.
 *
 * COMPACT, n &lt; 24 and n - R &gt;= 8:
 *   [0, R) counter | [R, R+8) seal = (v32 ^ mask32) | check32(key, v32) &lt;&lt; 32 | [R+8, n) stream bytes
 *
 * TINY, n - R &lt; 8:
 *   [0, R) counter | [R, n) the first bytes of the stream of (key, v); the version cannot be recovered.
 * </pre>
 *
 * <h2>What each size can prove</h2>
 * <ul>
 *   <li>FULL: all 63 version bits; every byte outside the counter word regenerated and compared, so a forged,
 *       misplaced, stale-prefix or torn value fails unless it is byte-identical to a real write of this key.
 *       {@link #verify} classifies failures: {@link #WRONG_KEY} (the key fingerprint is another key's),
 *       {@link #TORN} (a consistent header or trailer from one version, other bytes from another; classified for
 *       n &gt;= 40 when the tear lies at or before the last full body word, or inside the header when n &gt;= 32)
 *       and {@link #CORRUPT} (anything else, including a forgery).</li>
 *   <li>COMPACT: the low 32 version bits ({@link #versionBits}); a 32-bit keyed check plus every remaining byte. All
 *       failures report {@link #CORRUPT}; a forgery passes with probability 2^-32 at best.</li>
 *   <li>TINY: nothing self-describing; {@link #verify} returns {@link #UNVERIFIABLE}. {@link #matches} checks the
 *       {@code 8 (n - R)} stream bits against a version the harness expects (a counter-mode value of exactly 8
 *       bytes proves nothing).</li>
 * </ul>
 * The store never learns the seed, so it cannot compute the stream, the check or the mask: without it, the bytes
 * for (key, version) are unpredictable, and values written for one key fail for any other.
 *
 * <p>Immutable and thread-safe. {@link #write} and {@link #verify} allocate nothing and move a long at a time
 * (little-endian, unaligned accesses), about one {@link Mix#mix64} per 8 bytes.
 */
public final class ValueCodec {

    /** The value mixes two writes of this key (see the class comment for when this is classified). */
    public static final long TORN = -1;
    /** The value was written for another key. */
    public static final long WRONG_KEY = -2;
    /** No write of this run produced these bytes: forged or corrupted. */
    public static final long CORRUPT = -3;
    /** A TINY value carries no version; use {@link #matches} with the versions the harness expects. */
    public static final long UNVERIFIABLE = -4;

    /** Smallest size with the FULL layout. */
    public static final int FULL_MIN_BYTES = 24;
    /** Smallest size with a trailer. */
    public static final int TRAILER_MIN_BYTES = 32;

    /** How much of the version and of the bytes a value of a given size can vouch for. */
    public enum Layout { FULL, COMPACT, TINY }

    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long LOW32 = 0xFFFF_FFFFL;
    private static final int COUNTER_BYTES = 8;
    private static final int VERSION_OFFSET = 8;
    private static final int TAG_OFFSET = 16;

    private final boolean counterWord;
    private final int reserved;
    private final long keySeed;
    private final long versionSeed;
    private final long fingerprintSeed;
    private final long checkSeed;
    private final long maskSeed;

    private ValueCodec(final long seed, final boolean counterWord) {
        this.counterWord = counterWord;
        this.reserved = counterWord ? COUNTER_BYTES : 0;
        final long s = Mix.mix64(seed ^ 0x5641_4C55_4543_4F44L);
        this.keySeed = Mix.splitMix(s, 0);
        this.versionSeed = Mix.splitMix(s, 1);
        this.fingerprintSeed = Mix.splitMix(s, 2);
        this.checkSeed = Mix.splitMix(s, 3);
        this.maskSeed = Mix.splitMix(s, 4);
    }

    /** A codec whose every byte is checked; for workloads without rmw. */
    public static ValueCodec plain(final long seed) {
        return new ValueCodec(seed, false);
    }

    /**
     * A codec that reserves bytes {@code [0, 8)} for the {@code add-u64} counter. A value shorter than 8 bytes has no
     * counter word (no rmw can apply to it) and is written as by {@link #plain}'s TINY layout.
     */
    public static ValueCodec withRmwCounter(final long seed) {
        return new ValueCodec(seed, true);
    }

    public boolean hasCounterWord() {
        return counterWord;
    }

    /** The layout of a value of {@code size} bytes. */
    public Layout layout(final int size) {
        if (size >= FULL_MIN_BYTES) {
            return Layout.FULL;
        }
        return size - reserved >= Long.BYTES ? Layout.COMPACT : Layout.TINY;
    }

    /** How many low bits of the version {@link #verify} recovers from a value of {@code size} bytes. */
    public int versionBits(final int size) {
        return switch (layout(size)) {
            case FULL -> 63;
            case COMPACT -> 32;
            case TINY -> 0;
        };
    }

    /** The version bits a value of {@code size} bytes keeps: compare {@code verify(...)} with this of the expected. */
    public long versionMask(final int size) {
        return switch (layout(size)) {
            case FULL -> Long.MAX_VALUE;
            case COMPACT -> LOW32;
            case TINY -> 0;
        };
    }

    /** The {@code add-u64} counter of a value (bytes [0, 8), little-endian). */
    public static long counter(final MemorySegment value) {
        return value.get(LONG_LE, 0);
    }

    /** Writes version {@code version} of key {@code keyId} into all of {@code dst}, with counter 0 if reserved. */
    public void write(final long keyId, final long version, final MemorySegment dst) {
        write(keyId, version, 0, dst);
    }

    /**
     * Writes version {@code version} of key {@code keyId} into all of {@code dst} ({@code dst.byteSize()} is the
     * value size), with {@code counter} in the counter word if this codec reserves one (ignored otherwise).
     */
    public void write(final long keyId, final long version, final long counter, final MemorySegment dst) {
        final int n = (int) dst.byteSize();
        if (version < 0 || n < 1) {
            throw new IllegalArgumentException("cannot write version " + version + " into " + n + " bytes");
        }
        final long keyHash = keyHash(keyId);
        // A value shorter than the counter word has none: no rmw can apply to it (a trace's short values).
        final int counterBytes = n >= COUNTER_BYTES ? reserved : 0;
        if (counterBytes > 0) {
            dst.set(LONG_LE, 0, counter);
        }
        switch (layout(n)) {
            case FULL -> {
                final long base = streamBase(keyHash, version);
                if (!counterWord) {
                    dst.set(LONG_LE, 0, Mix.splitMix(base, 0));
                }
                dst.set(LONG_LE, VERSION_OFFSET, version);
                dst.set(LONG_LE, TAG_OFFSET, (long) fingerprint(keyId) << 32 | (check(base) & LOW32));
                final int bodyEnd = n >= TRAILER_MIN_BYTES ? n - Long.BYTES : n;
                fillStream(dst, FULL_MIN_BYTES, bodyEnd, base);
                if (n >= TRAILER_MIN_BYTES) {
                    dst.set(LONG_LE, bodyEnd, version ^ mask(keyHash));
                }
            }
            case COMPACT -> {
                final long v32 = version & LOW32;
                final long base = streamBase(keyHash, v32);
                dst.set(LONG_LE, reserved, seal(keyHash, v32, base));
                fillStream(dst, reserved + Long.BYTES, n, base);
            }
            case TINY -> fillStream(dst, counterBytes, n, streamBase(keyHash, version));
        }
    }

    /**
     * Checks that {@code value} is, apart from the counter word, exactly a value this codec wrote for {@code keyId}.
     *
     * @return the version ({@code >= 0}, masked by {@link #versionMask}), or {@link #TORN}, {@link #WRONG_KEY},
     *     {@link #CORRUPT}, or {@link #UNVERIFIABLE} for a TINY value
     */
    public long verify(final long keyId, final MemorySegment value) {
        final int n = (int) value.byteSize();
        final long keyHash = keyHash(keyId);
        return switch (layout(n)) {
            case FULL -> verifyFull(keyId, keyHash, value, n);
            case COMPACT -> verifyCompact(keyHash, value, n);
            case TINY -> UNVERIFIABLE;
        };
    }

    /** Whether {@code value} is exactly (apart from the counter word) version {@code version} of {@code keyId}. */
    public boolean matches(final long keyId, final long version, final MemorySegment value) {
        final int n = (int) value.byteSize();
        return switch (layout(n)) {
            case FULL, COMPACT -> verify(keyId, value) == (version & versionMask(n));
            case TINY -> streamMatches(value, n >= COUNTER_BYTES ? reserved : 0, n, streamBase(keyHash(keyId), version));
        };
    }

    private long verifyFull(final long keyId, final long keyHash, final MemorySegment value, final int n) {
        final long tag = value.get(LONG_LE, TAG_OFFSET);
        if ((int) (tag >>> 32) != fingerprint(keyId)) {
            return WRONG_KEY;
        }
        final long version = value.get(LONG_LE, VERSION_OFFSET);
        final long base = streamBase(keyHash, version);
        if (version < 0 || (int) tag != check(base)) {
            return classifyTornHeader(keyHash, value, n, (int) tag);
        }
        final int bodyEnd = n >= TRAILER_MIN_BYTES ? n - Long.BYTES : n;
        if ((!counterWord && value.get(LONG_LE, 0) != Mix.splitMix(base, 0))
            || !streamMatches(value, FULL_MIN_BYTES, bodyEnd, base)
            || (n >= TRAILER_MIN_BYTES && value.get(LONG_LE, bodyEnd) != (version ^ mask(keyHash)))) {
            return classifyTornBody(keyHash, value, n, version, bodyEnd);
        }
        return version;
    }

    /** The header fails its check: torn if the trailer names a version whose check the tag carries. */
    private long classifyTornHeader(final long keyHash, final MemorySegment value, final int n, final int tagCheck) {
        if (n >= TRAILER_MIN_BYTES) {
            final long trailerVersion = value.get(LONG_LE, n - Long.BYTES) ^ mask(keyHash);
            if (trailerVersion >= 0 && tagCheck == check(streamBase(keyHash, trailerVersion))) {
                return TORN;
            }
        }
        return CORRUPT;
    }

    /** The header is sound but later bytes are not: torn if the last full body word belongs to the trailer's version. */
    private long classifyTornBody(final long keyHash, final MemorySegment value, final int n, final long version,
                                  final int bodyEnd) {
        if (bodyEnd - FULL_MIN_BYTES >= Long.BYTES) {
            final long trailerVersion = value.get(LONG_LE, bodyEnd) ^ mask(keyHash);
            final int lastWord = FULL_MIN_BYTES + ((bodyEnd - FULL_MIN_BYTES) / Long.BYTES - 1) * Long.BYTES;
            if (trailerVersion != version && trailerVersion >= 0
                && value.get(LONG_LE, lastWord) == Mix.splitMix(streamBase(keyHash, trailerVersion), lastWord >>> 3)) {
                return TORN;
            }
        }
        return CORRUPT;
    }

    private long verifyCompact(final long keyHash, final MemorySegment value, final int n) {
        final long seal = value.get(LONG_LE, reserved);
        final long v32 = (seal ^ mask(keyHash)) & LOW32;
        final long base = streamBase(keyHash, v32);
        if (seal != seal(keyHash, v32, base) || !streamMatches(value, reserved + Long.BYTES, n, base)) {
            return CORRUPT;
        }
        return v32;
    }

    private long seal(final long keyHash, final long v32, final long base) {
        return ((v32 ^ mask(keyHash)) & LOW32) | (long) check(base) << 32;
    }

    private long keyHash(final long keyId) {
        return Mix.mix64(keyId ^ keySeed);
    }

    private long streamBase(final long keyHash, final long version) {
        return Mix.mix64(keyHash ^ Mix.mix64(version + versionSeed));
    }

    private int fingerprint(final long keyId) {
        return (int) (Mix.mix64(keyId ^ fingerprintSeed) >>> 32);
    }

    private int check(final long base) {
        return (int) Mix.mix64(base ^ checkSeed);
    }

    private long mask(final long keyHash) {
        return Mix.mix64(keyHash ^ maskSeed);
    }

    /** Fills {@code [from, to)} ({@code from} a multiple of 8) with the stream words {@code S(offset / 8)}. */
    private static void fillStream(final MemorySegment dst, final int from, final int to, final long base) {
        int offset = from;
        for (; offset + Long.BYTES <= to; offset += Long.BYTES) {
            dst.set(LONG_LE, offset, Mix.splitMix(base, offset >>> 3));
        }
        if (offset < to) {
            long tail = Mix.splitMix(base, offset >>> 3);
            for (; offset < to; offset++, tail >>>= 8) {
                dst.set(ValueLayout.JAVA_BYTE, offset, (byte) tail);
            }
        }
    }

    private static boolean streamMatches(final MemorySegment value, final int from, final int to, final long base) {
        int offset = from;
        for (; offset + Long.BYTES <= to; offset += Long.BYTES) {
            if (value.get(LONG_LE, offset) != Mix.splitMix(base, offset >>> 3)) {
                return false;
            }
        }
        if (offset < to) {
            long tail = Mix.splitMix(base, offset >>> 3);
            for (; offset < to; offset++, tail >>>= 8) {
                if (value.get(ValueLayout.JAVA_BYTE, offset) != (byte) tail) {
                    return false;
                }
            }
        }
        return true;
    }
}
