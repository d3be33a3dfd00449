package io.jitskit.workload.trace;

import io.jitskit.workload.OpCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * libCacheSim's oracleGeneral binary traces: no header, packed 24-byte little-endian records
 * <pre>
 *   0          4                    12         16                       24
 *   +----------+--------------------+----------+------------------------+
 *   | time u32 | obj_id u64         | size u32 | next_access_vtime i64  |
 *   +----------+--------------------+----------+------------------------+
 * </pre>
 * There is no operation field: every record is a READ of {@code size} bytes (a replay with upsert-on-miss writes
 * the object when it is absent, which is how libCacheSim simulates a cache on it). A record is malformed when its
 * size does not fit the compact form or the file ends inside it; its location is its 0-based record index.
 */
final class OracleGeneralTraceReader implements TraceReader {

    static final int RECORD_BYTES = 24;
    private static final int RECORDS_PER_READ = 1 << 14;

    private final Path file;
    private final boolean skipMalformed;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES * RECORDS_PER_READ).order(ByteOrder.LITTLE_ENDIAN);
    private long index;
    private long skipped;
    private boolean eof;

    OracleGeneralTraceReader(final Path file, final boolean skipMalformed) throws IOException {
        this.file = file;
        this.skipMalformed = skipMalformed;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        buffer.flip();
    }

    @Override
    public boolean next(final TraceRecord record) throws IOException {
        while (true) {
            if (buffer.remaining() < RECORD_BYTES && !refill()) {
                if (buffer.hasRemaining()) {
                    final int partial = buffer.remaining();
                    buffer.position(buffer.limit());
                    malformed(index++, "the file ends " + partial + " bytes into a 24-byte record");
                }
                return false;
            }
            final long at = index++;
            record.reset(at);
            record.time = Integer.toUnsignedLong(buffer.getInt());
            record.numericKey = buffer.getLong();
            final long size = Integer.toUnsignedLong(buffer.getInt());
            record.nextAccess = buffer.getLong();
            record.op = OpCode.READ;
            if (size > CompactTraceDescriptor.MAX_VALUE_SIZE) {
                malformed(at, "obj_size " + size + " above " + CompactTraceDescriptor.MAX_VALUE_SIZE);
                continue;
            }
            record.size = (int) size;
            return true;
        }
    }

    private void malformed(final long at, final String problem) throws MalformedTraceException {
        if (!skipMalformed) {
            throw new MalformedTraceException(file, "record " + at + " (byte " + at * RECORD_BYTES + ")", at,
                problem, MalformedTraceException.SKIP_FIX);
        }
        skipped++;
    }

    /** Moves the unread tail to the front and reads more; false when nothing more can be read. */
    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        buffer.compact();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                eof = true;
                break;
            }
        }
        buffer.flip();
        return buffer.remaining() >= RECORD_BYTES;
    }

    @Override
    public long malformedSkipped() {
        return skipped;
    }

    @Override
    public long rowsRead() {
        return index;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
