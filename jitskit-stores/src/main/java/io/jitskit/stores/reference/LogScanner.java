package io.jitskit.stores.reference;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** Reads {@link LogRecord}s back, stopping at the first record that is incomplete or fails its checksum. */
final class LogScanner {

    /** Receives each intact record in file order. */
    @FunctionalInterface
    interface Visitor {
        void record(byte type, int sessionId, long serial, byte[] key, byte[] value) throws IOException;
    }

    /**
     * Where a scan stopped.
     *
     * @param end   offset just past the last intact record visited
     * @param clean whether the scan stopped at the end of the file or at the limit, rather than at a damaged record
     */
    record Result(long end, boolean clean) { }

    private LogScanner() {
    }

    /**
     * Visits the intact records of {@code file} from its start, up to {@code limit} bytes.
     *
     * @param maxBodyLength the largest body a record of this store can have; a larger length field is damage
     */
    static Result scan(final Path file, final long limit, final int maxBodyLength, final Visitor visitor)
        throws IOException {
        final CRC32C crc = new CRC32C();
        final byte[] header = new byte[LogRecord.HEADER_LENGTH];
        long position = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            while (position < limit) {
                final int headerRead = in.readNBytes(header, 0, header.length);
                if (headerRead == 0) {
                    return new Result(position, true);
                }
                if (headerRead < header.length) {
                    return new Result(position, false);
                }
                final ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                final int bodyLength = h.getInt(LogRecord.BODY_LENGTH_OFFSET);
                final int checksum = h.getInt(LogRecord.CHECKSUM_OFFSET);
                if (bodyLength < LogRecord.BODY_FIXED_LENGTH || bodyLength > maxBodyLength
                    || position + LogRecord.HEADER_LENGTH + bodyLength > limit) {
                    return new Result(position, false);
                }
                final byte[] body = in.readNBytes(bodyLength);
                if (body.length < bodyLength) {
                    return new Result(position, false);
                }
                crc.reset();
                crc.update(body);
                if ((int) crc.getValue() != checksum) {
                    return new Result(position, false);
                }
                final ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
                final int keyLength = b.getInt(LogRecord.KEY_LENGTH_OFFSET);
                final int valueLength = b.getInt(LogRecord.VALUE_LENGTH_OFFSET);
                if (keyLength < 0 || valueLength < 0 || LogRecord.bodyLength(keyLength, valueLength) != bodyLength) {
                    throw new IOException(file + " at offset " + position + ": record with a valid checksum but "
                        + "inconsistent lengths; the file was not written by this store version");
                }
                final byte[] key = new byte[keyLength];
                final byte[] value = new byte[valueLength];
                System.arraycopy(body, LogRecord.BODY_FIXED_LENGTH, key, 0, keyLength);
                System.arraycopy(body, LogRecord.BODY_FIXED_LENGTH + keyLength, value, 0, valueLength);
                visitor.record(b.get(LogRecord.TYPE_OFFSET), b.getInt(LogRecord.SESSION_OFFSET),
                    b.getLong(LogRecord.SERIAL_OFFSET), key, value);
                position += LogRecord.HEADER_LENGTH + bodyLength;
            }
        }
        return new Result(position, true);
    }
}
