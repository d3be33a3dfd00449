package io.jitskit.engine.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The one checked record framing of both engines' files: a header naming the payload's length and holding a CRC32C
 * of the payload and the header, then the payload. A reader accepts a frame only when all of it is there and it
 * checks; the first frame that does not is where a crash tore the file (or the disk damaged it), and a reader of an
 * append-only file stops there, a reader of a file that must be whole refuses it.
 *
 * <pre>
 * frame, little-endian
 *  0        4        8                  16                 24        28        32
 *  +--------+--------+------------------+------------------+---------+---------+----------------------+
 *  | magic  | tag    | payload length   | aux              | crc     | 0       | payload (length B)   |
 *  +--------+--------+------------------+------------------+---------+---------+----------------------+
 *  magic: the file kind's; tag, aux: the writer's (a session id, a serial watermark, a checkpoint id)
 *  crc:   CRC32C of the payload, then of header bytes [0, 24)
 * </pre>
 *
 * The payload comes first in the checksum so a writer can stream a payload of unknown length through it and write
 * the header last, in the space it left at the front ({@link Writer}).
 */
public final class Frames {

    public static final int HEADER_BYTES = 32;
    /** What {@link #check} returns for a frame that is short, of another kind, or fails its checksum. */
    public static final long TORN = -1;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int TAG = 4;
    private static final int LENGTH = 8;
    private static final int AUX = 16;
    private static final int CRC = 24;

    private Frames() {
    }

    /**
     * Checks the frame at {@code pos} of {@code file}, which ends at {@code end}.
     *
     * @param crc scratch, reset here
     * @return the payload's length (it starts at {@code pos + HEADER_BYTES}), or {@link #TORN}
     */
    public static long check(final MemorySegment file, final long pos, final long end, final int magic,
                             final CRC32C crc) {
        if (pos < 0 || end - pos < HEADER_BYTES || file.get(INT, pos) != magic) {
            return TORN;
        }
        final long length = file.get(LONG, pos + LENGTH);
        if (length < 0 || length > end - pos - HEADER_BYTES || file.get(INT, pos + CRC + 4) != 0) {
            return TORN;
        }
        crc.reset();
        crc.update(file.asSlice(pos + HEADER_BYTES, length).asByteBuffer());
        crc.update(file.asSlice(pos, CRC).asByteBuffer());
        return (int) crc.getValue() == file.get(INT, pos + CRC) ? length : TORN;
    }

    public static int tag(final MemorySegment file, final long pos) {
        return file.get(INT, pos + TAG);
    }

    public static long aux(final MemorySegment file, final long pos) {
        return file.get(LONG, pos + AUX);
    }

    /**
     * Builds frame headers: {@link #begin}, the payload's bytes through {@link #payload} in order, then
     * {@link #header}. One per writer thread; it allocates nothing per frame.
     */
    public static final class Writer {

        private final CRC32C crc = new CRC32C();
        private final ByteBuffer header = ByteBuffer.allocateDirect(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        public void begin() {
            crc.reset();
        }

        /** The next payload bytes, {@code bytes}' remaining ones; its position is left where it was. */
        public void payload(final ByteBuffer bytes) {
            crc.update(bytes.duplicate());
        }

        /** The header for the payload seen since {@link #begin}, ready to write (position 0, limit 32). */
        public ByteBuffer header(final int magic, final int tag, final long length, final long aux) {
            header.clear();
            header.putInt(magic).putInt(tag).putLong(length).putLong(aux);
            crc.update(header.duplicate().flip());
            header.putInt((int) crc.getValue()).putInt(0);
            return header.flip();
        }
    }
}
