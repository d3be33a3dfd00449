package io.jitskit.stores.reference;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends {@link LogRecord}s to one file through a buffer.
 *
 * <p>Not thread-safe: one writer at a time, which in the store means under its lock. The one exception is
 * {@link #force()}, which touches only the channel and may run on another thread concurrently with appends: it makes
 * durable at least everything {@link #flush() flushed} before it was called. Bytes still in the buffer are lost by a
 * crash of the process; flushed bytes are in the operating system and survive it; forced bytes survive the machine.
 */
final class LogAppender implements Closeable {

    private static final int BUFFER_BYTES = 256 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long position;

    private LogAppender(final FileChannel channel, final long position) {
        this.channel = channel;
        this.position = position;
    }

    /**
     * Opens {@code file} for appending at {@code position}, creating it if absent and cutting off anything past
     * {@code position} (a torn tail, or operations recovery decided to drop). The cut is forced before returning, so
     * that records appended later can never be read after stale bytes.
     */
    static LogAppender openAt(final Path file, final long position) throws IOException {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.size() > position) {
                channel.truncate(position);
            } else if (channel.size() < position) {
                throw new IOException(file + ": is " + channel.size() + " bytes, shorter than the " + position
                    + " bytes recovery replayed from it");
            }
            channel.force(true);
            channel.position(position);
            return new LogAppender(channel, position);
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Bytes appended so far, flushed or not: the offset of the next record. */
    long position() {
        return position;
    }

    /**
     * Appends one record.
     *
     * @param value the value, or {@code null} for a record without one
     */
    void append(final byte type, final int sessionId, final long serial, final byte[] key, final byte[] value)
        throws IOException {
        final int keyLength = key == null ? 0 : key.length;
        final int valueLength = value == null ? 0 : value.length;
        final int recordLength = LogRecord.recordLength(keyLength, valueLength);
        if (recordLength > buffer.remaining()) {
            flush();
        }
        // Records larger than the whole buffer (large values) are encoded alone and written straight through.
        final ByteBuffer target = recordLength <= buffer.capacity()
            ? buffer : ByteBuffer.allocate(recordLength).order(ByteOrder.LITTLE_ENDIAN);
        final int start = target.position();
        final int bodyLength = recordLength - LogRecord.HEADER_LENGTH;
        target.putInt(bodyLength).putInt(0)
            .put(type).putInt(sessionId).putLong(serial).putInt(keyLength).putInt(valueLength);
        if (key != null) {
            target.put(key);
        }
        if (value != null) {
            target.put(value);
        }
        crc.reset();
        crc.update(target.slice(start + LogRecord.HEADER_LENGTH, bodyLength));
        target.putInt(start + LogRecord.CHECKSUM_OFFSET, (int) crc.getValue());
        position += recordLength;
        if (target != buffer) {
            target.flip();
            writeFully(target);
        }
    }

    /** Hands buffered records to the operating system: they now survive a crash of this process. */
    void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    /** Makes everything flushed so far durable (fsync of the file's data). */
    void force() throws IOException {
        channel.force(false);
    }

    private void writeFully(final ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            channel.write(source);
        }
    }

    /** Closes the file. Buffered records are dropped: callers flush first when they want them. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
