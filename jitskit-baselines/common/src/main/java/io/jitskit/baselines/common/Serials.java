package io.jitskit.baselines.common;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-session serials as bytes, for stores that keep them inside their own data: one entry per session whose key is
 * the 4-byte session id and whose value is the 8-byte serial, both little-endian.
 *
 * <p>Adapters write these entries in the same transaction, batch or snapshot as the data they describe, so a
 * recovered state and its serials can never disagree. Where a store has one key space only, the 4-byte key cannot
 * collide with a user key: the spec's keys are at least 8 bytes long.
 */
public final class Serials {

    public static final int KEY_BYTES = Integer.BYTES;
    public static final int VALUE_BYTES = Long.BYTES;

    private Serials() {
    }

    public static byte[] key(final int sessionId) {
        return ByteBuffer.allocate(KEY_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(sessionId).array();
    }

    public static byte[] value(final long serial) {
        return ByteBuffer.allocate(VALUE_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(serial).array();
    }

    public static int sessionId(final byte[] key) {
        return ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public static long serial(final byte[] value) {
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The whole map as one record: count, then (id, serial) pairs. */
    public static byte[] encode(final Map<Integer, Long> serials) {
        final ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + serials.size() * (KEY_BYTES + VALUE_BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(serials.size());
        serials.forEach((id, serial) -> out.putInt(id).putLong(serial));
        return out.array();
    }

    /** Inverse of {@link #encode}. */
    public static Map<Integer, Long> decode(final byte[] record) {
        final ByteBuffer in = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        final int count = in.getInt();
        if (count < 0 || record.length != Integer.BYTES + (long) count * (KEY_BYTES + VALUE_BYTES)) {
            throw new IllegalArgumentException("serial record of " + record.length + " bytes does not hold " + count
                + " sessions");
        }
        final TreeMap<Integer, Long> serials = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            serials.put(in.getInt(), in.getLong());
        }
        return serials;
    }
}
