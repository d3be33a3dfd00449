package io.jitskit.stores.reference;

/**
 * Layout of one record, in the log and in snapshots. All fields little-endian.
 *
 * <pre>
 *   offset  size  field
 *   ------  ----  -----------------------------------------------------------
 *        0     4  body length: 21 + key length + value length
 *        4     4  CRC32C of the body
 *   body:
 *        8     1  type: PUT, DELETE, END or SERIALS
 *        9     4  session id (NO_SESSION in snapshots)
 *       13     8  serial number of the operation (END, SERIALS: the count of entries or sessions)
 *       21     4  key length
 *       25     4  value length (0 for DELETE)
 *       29     k  key bytes
 *     29+k     v  value bytes
 * </pre>
 *
 * <p>The checksum covers the whole body, so a record is either complete and intact or rejected: a crash that cuts
 * the last write short leaves a record whose length runs past the end of the file or whose checksum fails, and the
 * reader stops there. A {@link #PUT} carries the value after the operation (an rmw logs its result, not its delta),
 * so replay never needs the state it is replayed on. {@link #END} closes a snapshot; its serial field holds the
 * number of entries, so a snapshot that lost records is detected even when every record it kept is intact.
 */
final class LogRecord {

    /** The key now maps to the value. Logged by upsert, by an insert that inserted, by every rmw. */
    static final byte PUT = 1;
    /** The key is absent. Logged only by a delete that removed something. */
    static final byte DELETE = 2;
    /** Last record of a snapshot: serial field = entry count, no key, no value. */
    static final byte END = 3;
    /**
     * Sessions' serials at this point of the log, so that recovery reports operations that wrote nothing (reads,
     * inserts that found their key, deletes that did not): serial field = session count, no key, value = that many
     * (session id (4), serial (8)) pairs. Written under {@code COMMIT} by group commit.
     */
    static final byte SERIALS = 4;

    /** Sessions per {@link #SERIALS} record; more sessions take several records. */
    static final int SERIALS_PER_RECORD = 4096;
    /** Bytes of one (session id, serial) pair in a {@link #SERIALS} record. */
    static final int SERIAL_PAIR_BYTES = Integer.BYTES + Long.BYTES;

    static final int BODY_LENGTH_OFFSET = 0;
    static final int CHECKSUM_OFFSET = 4;
    static final int HEADER_LENGTH = 8;

    /* Offsets below are relative to the start of the body, i.e. to HEADER_LENGTH. */
    static final int TYPE_OFFSET = 0;
    static final int SESSION_OFFSET = 1;
    static final int SERIAL_OFFSET = 5;
    static final int KEY_LENGTH_OFFSET = 13;
    static final int VALUE_LENGTH_OFFSET = 17;
    /** Body bytes before the key. */
    static final int BODY_FIXED_LENGTH = 21;

    /** Session id of records that no session wrote (snapshot entries and trailers). */
    static final int NO_SESSION = -1;

    private LogRecord() {
    }

    static int bodyLength(final int keyLength, final int valueLength) {
        return BODY_FIXED_LENGTH + keyLength + valueLength;
    }

    static int recordLength(final int keyLength, final int valueLength) {
        return HEADER_LENGTH + bodyLength(keyLength, valueLength);
    }

    /**
     * The largest body a store with these limits writes. A length field above it cannot be a record of ours: it is
     * read as a torn tail, without allocating what it claims.
     */
    static int maxBodyLength(final int maxKeyLength, final int maxValueLength) {
        return bodyLength(maxKeyLength, Math.max(maxValueLength, SERIALS_PER_RECORD * SERIAL_PAIR_BYTES));
    }
}
