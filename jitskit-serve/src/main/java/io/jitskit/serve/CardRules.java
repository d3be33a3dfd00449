package io.jitskit.serve;

import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * What the card lets a Redis client say, and how its keys become the store's keys.
 *
 * <p>Keys of an {@code id8} card: the SPI's key is 8 bytes, the id little-endian, so a Redis key must be the id in
 * decimal, an unsigned 64-bit integer without sign. It is read as a number: {@code 007} names the same id as
 * {@code 7}, which is what lets zero-padding clients (redis-benchmark's {@code __rand_int__}) address a card's ids.
 * Keys of a variable card are the bytes as sent, of a length
 * the card allows. Values must have a size the card allows: a store is built for those sizes and pads or cuts none.
 *
 * <p>Public because it is the one mapping from a client's keys to a card's keys: the YCSB binding
 * ({@code jitskit-ycsb}) uses it too, so a key means the same store key over RESP and under YCSB.
 */
public final class CardRules {

    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Room for the command names and options that share a request with the keys and values. */
    static final int BULK_SLACK = 1024;
    /** The largest value served, as Redis's default proto-max-bulk-len: each I/O thread holds two of this size. */
    static final int MAX_SERVED_VALUE = 512 << 20;
    /** Input a connection may buffer for one request beyond its largest bulk (several values of an MSET, say). */
    static final int MAX_REQUEST_EXTRA = 64 << 20;

    private final Spec spec;
    private final boolean id8;
    private final SizeDistribution keySizes;
    private final SizeDistribution valueSizes;
    private final int counterSize;

    public CardRules(final Spec spec) {
        this.spec = spec;
        final KeyFormat format = spec.workload().keyFormat();
        this.id8 = format instanceof KeyFormat.Id8;
        this.keySizes = format instanceof KeyFormat.Variable v ? v.sizes() : null;
        this.valueSizes = spec.workload().valueSizes();
        this.counterSize = smallestAllowedFrom(valueSizes, Long.BYTES);
    }

    /** The smallest size >= {@code floor} that {@code sizes} allows, or -1 when none. */
    public static int smallestAllowedFrom(final SizeDistribution sizes, final int floor) {
        return switch (sizes) {
            case SizeDistribution.Bimodal b -> b.small() >= floor ? b.small() : b.large() >= floor ? b.large() : -1;
            default -> sizes.max() < floor ? -1 : Math.max(floor, sizes.min());
        };
    }

    public Spec spec() {
        return spec;
    }

    public boolean id8() {
        return id8;
    }

    /** The longest store key: 8 for ids. */
    public int maxKey() {
        return id8 ? Long.BYTES : keySizes.max();
    }

    public int maxValue() {
        return valueSizes.max();
    }

    /** The longest bulk string a request may carry: the largest key or value plus slack, and never less than 64 KiB. */
    int maxBulk() {
        return Math.max(64 * 1024, Math.max(maxKey(), maxValue()) + BULK_SLACK);
    }

    /**
     * The most input one connection may buffer: one request of four of the largest bulks, but never more than one
     * largest bulk plus 64 MiB, so a card of large values does not let one client hold gigabytes.
     */
    int maxInput() {
        final long bulk = maxBulk();
        return (int) Math.max(bulk + 64 * 1024, Math.min(4 * bulk + 64 * 1024, bulk + MAX_REQUEST_EXTRA));
    }

    /** Why the server cannot serve this card, or {@code null}. */
    String unservableReason() {
        if (maxValue() > MAX_SERVED_VALUE || maxKey() > MAX_SERVED_VALUE) {
            return "the card's values or keys go up to " + Math.max(maxValue(), maxKey()) + " bytes, and the server "
                + "serves at most " + MAX_SERVED_VALUE + " (each I/O thread holds two values of the largest size); "
                + "lower workload.values";
        }
        return null;
    }

    /** The size of the value INCR creates for an absent key: the card's smallest allowed size of 8 or more bytes. */
    int counterSize() {
        return counterSize;
    }

    public boolean supports(final Operation op) {
        return spec.requirements().supports(op);
    }

    /**
     * Writes the store key for the Redis key {@code buf[off, off+len)} into {@code out}.
     *
     * @return the store key's length, or -1 when the key is not one the card has, with {@link #keyError} saying why
     */
    public int storeKey(final byte[] buf, final int off, final int len, final MemorySegment out) {
        if (id8) {
            if (!isDecimalId(buf, off, len)) {
                return -1;
            }
            out.set(LONG_LE, 0, decimalId(buf, off, len));
            return Long.BYTES;
        }
        if (!keySizes.allows(len)) {
            return -1;
        }
        MemorySegment.copy(buf, off, out, ValueLayout.JAVA_BYTE, 0, len);
        return len;
    }

    /** The refusal for a key {@link #storeKey} did not take. */
    public String keyError(final byte[] buf, final int off, final int len) {
        if (id8) {
            return "key '" + shown(buf, off, len) + "' is not a decimal id: the card's keys are 8-byte ids "
                + "(workload.keys.format); use 0 to 18446744073709551615";
        }
        return "key of " + len + " bytes: the card allows keys of " + describe(keySizes)
            + " bytes (workload.keys.format)";
    }

    public boolean valueAllowed(final int len) {
        return valueSizes.allows(len);
    }

    public String valueError(final int len) {
        return "value of " + len + " bytes: the card allows " + describe(valueSizes) + " bytes (workload.values)";
    }

    public static String describe(final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Bimodal b -> b.small() + " or " + b.large();
            default -> sizes.min() == sizes.max() ? Integer.toString(sizes.min()) : sizes.min() + " to " + sizes.max();
        };
    }

    /** Longest decimal id accepted: 20 digits and as many leading zeros as a zero-padding client adds. */
    static final int MAX_ID_DIGITS = 64;

    /**
     * Whether {@code buf[off, off+len)} is an unsigned 64-bit integer in decimal: digits only, leading zeros allowed
     * (the key is read as a number, so {@code 007} and {@code 7} are the same id, as redis-benchmark's zero-padded
     * {@code __rand_int__} keys need), at most 2^64-1.
     */
    static boolean isDecimalId(final byte[] buf, final int off, final int len) {
        if (len == 0 || len > MAX_ID_DIGITS) {
            return false;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            final int d = buf[off + i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // Unsigned overflow: v * 10 + d must stay below 2^64.
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || (v == 1844674407370955161L && d > 5)) {
                return false;
            }
            v = v * 10 + d;
        }
        return true;
    }

    /** The id {@link #isDecimalId} accepted, wrapping into a signed long as the SPI's 8 bytes hold it. */
    static long decimalId(final byte[] buf, final int off, final int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v * 10 + (buf[off + i] - '0');
        }
        return v;
    }

    /**
     * A signed decimal as Redis accepts for INCRBY: an optional '-' and up to 19 digits, within a long. Returns
     * {@link Long#MIN_VALUE} when it is not one (that one value is refused as well: its negation overflows).
     */
    static long decimalSigned(final byte[] buf, final int off, final int len) {
        int i = off;
        final int end = off + len;
        final boolean negative = len > 0 && buf[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end || end - i > 19 || (end - i > 1 && buf[i] == '0')) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            final int d = buf[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** A key as it may appear in an error line: printable, cut at 64 bytes. */
    static String shown(final byte[] buf, final int off, final int len) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(len, 64); i++) {
            sb.append(RespParser.printable(buf[off + i]));
        }
        return len > 64 ? sb + "..." : sb.toString();
    }
}
