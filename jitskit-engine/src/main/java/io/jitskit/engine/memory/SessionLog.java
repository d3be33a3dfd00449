package io.jitskit.engine.memory;

import io.jitskit.api.StoreException;
import io.jitskit.engine.runtime.Frames;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * One session's commit log: a single-producer (the session) single-consumer (the {@link LogFlusher}) ring of
 * operation records, written to {@code log-<epoch>-<session>.bin} in {@link Frames}, the checked framing every
 * store file shares.
 *
 * <pre>
 * record (8-aligned, never wraps the ring: a PAD record fills the ring's end instead)
 *  0        4        8             16            24             32          36         40
 *  +--------+--------+-------------+-------------+--------------+-----------+----------+----------------+
 *  | bytes  | kind   |   serial    |     key     |   version    | value len | reserved | value or delta |
 *  +--------+--------+-------------+-------------+--------------+-----------+----------+----------------+
 *  kind: 1 UPSERT (value = the full new value) | 2 DELETE | 3 DELTA (8-byte add-u64 delta) | 4 PAD
 *
 * frame in the file (Frames: magic "JKLG", tag = session, aux = serial watermark, payload = records)
 *  magic (4) | session (4) | data bytes (8) | serial watermark (8) | CRC32C of data + header (4) | 0 (4) | data
 * </pre>
 *
 * The watermark is the session's serial read (acquire) before the published position: every operation up to it
 * either logged a record inside the frames so far or changed nothing (a read, a delete of an absent key). Records
 * appended between the two loads may follow it in the frame, so recovery reports the larger of the watermark and
 * the last replayed record's serial.
 *
 * Positions: the session publishes {@code published} with a release store after writing a record; the flusher
 * loads it with acquire, writes and fsyncs the bytes, then publishes {@code consumed} with release so the session
 * may reuse the space. The two positions sit 64 bytes apart so they never share a cache line.
 */
final class SessionLog {

    static final int RING_BYTES = StoreConfig.LOG_RING_BYTES;
    static final long RING_MASK = RING_BYTES - 1;
    static final int RECORD_HEADER_BYTES = 40;
    static final int UPSERT = 1;
    static final int DELETE = 2;
    static final int DELTA = 3;
    static final int PAD = 4;
    static final int FRAME_MAGIC = 0x474c_4b4a;
    static final int FRAME_HEADER_BYTES = Frames.HEADER_BYTES;
    private static final long PUBLISHED = 0;
    private static final long CONSUMED = 64;
    private static final VarHandle POSITION = ValueLayout.JAVA_LONG.varHandle();
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = SlotLayout.LE_LONG;

    final int sessionId;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment ring;
    private final MemorySegment positions;

    /** Producer (session) side. */
    private long produced;
    private long consumedSeen;

    /** Consumer (flusher) side, guarded by the flusher's monitor. */
    private long flushed;
    private FileChannel channel;
    private long channelEpoch = -1;
    private long frameSerial;
    private final Frames.Writer frames = new Frames.Writer();
    /** Set by the flusher when a write or fsync failed: acknowledged operations can no longer be made durable. */
    volatile String failure;

    SessionLog(final int sessionId) {
        this.sessionId = sessionId;
        this.ring = arena.allocate(RING_BYTES, 64);
        this.positions = arena.allocate(128, 64);
    }

    /* ------------------------------------------------------------------ producer: the session */

    void appendUpsert(final long serial, final long key, final long version, final MemorySegment value,
                      final int len, final boolean patchCounter, final long counter) {
        final long at = reserve(RECORD_HEADER_BYTES + len, UPSERT, serial, key, version, len);
        MemorySegment.copy(value, 0, ring, at + RECORD_HEADER_BYTES, len);
        if (patchCounter) {
            ring.set(LE_LONG, at + RECORD_HEADER_BYTES, counter);
        }
        publish();
    }

    void appendDelta(final long serial, final long key, final long version, final long delta) {
        final long at = reserve(RECORD_HEADER_BYTES + Long.BYTES, DELTA, serial, key, version, Long.BYTES);
        ring.set(LE_LONG, at + RECORD_HEADER_BYTES, delta);
        publish();
    }

    void appendDelete(final long serial, final long key, final long version) {
        reserve(RECORD_HEADER_BYTES, DELETE, serial, key, version, 0);
        publish();
    }

    /** Reserves and heads a record; returns its ring offset. Waits (never drops) while the flusher catches up. */
    private long reserve(final int rawBytes, final int kind, final long serial, final long key, final long version,
                         final int valueLength) {
        final String failed = failure;
        if (failed != null) {
            throw new StoreException("commit log of session " + sessionId + " cannot be made durable: " + failed);
        }
        final int bytes = (rawBytes + 7) & ~7;
        long pos = produced;
        long at = pos & RING_MASK;
        if (at + bytes > RING_BYTES) {
            final int pad = (int) (RING_BYTES - at);
            awaitSpace(pos + pad);
            ring.set(LE_INT, at, pad);
            ring.set(LE_INT, at + 4, PAD);
            pos += pad;
            at = 0;
        }
        awaitSpace(pos + bytes);
        ring.set(LE_INT, at, bytes);
        ring.set(LE_INT, at + 4, kind);
        ring.set(LE_LONG, at + 8, serial);
        ring.set(LE_LONG, at + 16, key);
        ring.set(LE_LONG, at + 24, version);
        ring.set(LE_INT, at + 32, valueLength);
        ring.set(LE_INT, at + 36, 0);
        produced = pos + bytes;
        return at;
    }

    private void publish() {
        // Release: the record's bytes are visible to the flusher no later than the position that covers them.
        POSITION.setRelease(positions, PUBLISHED, produced);
    }

    private void awaitSpace(final long end) {
        int spins = 0;
        while (end - consumedSeen > RING_BYTES) {
            // Acquire: pairs with the flusher's release of CONSUMED, after which it no longer reads those bytes.
            consumedSeen = (long) POSITION.getAcquire(positions, CONSUMED);
            if (end - consumedSeen > RING_BYTES) {
                if (++spins < 256) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(50_000);
                }
            }
        }
    }

    /* ------------------------------------------------------------------ consumer: the flusher */

    /**
     * Writes the published bytes as one frame to this epoch's file; returns the frame's bytes, 0 when neither records
     * nor the serial moved. {@code serial} must have been loaded (acquire) before this call. A frame without records
     * still matters: operations that log nothing (reads) are acknowledged too, and recovery must report them.
     */
    long writeFrame(final Path dir, final long epoch, final long serial) throws IOException {
        // Acquire: every record below this position is complete.
        final long end = (long) POSITION.getAcquire(positions, PUBLISHED);
        final long start = flushed;
        if (end == start && serial == frameSerial) {
            return 0;
        }
        if (channel == null || channelEpoch != epoch) {
            closeFile();
            channel = FileChannel.open(dir.resolve(fileName(epoch, sessionId)), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            channelEpoch = epoch;
        }
        final long length = end - start;
        final long at = start & RING_MASK;
        final long first = Math.min(length, RING_BYTES - at);
        final ByteBuffer a = ring.asSlice(at, first).asByteBuffer();
        final ByteBuffer b = ring.asSlice(0, length - first).asByteBuffer();
        frames.begin();
        frames.payload(a);
        frames.payload(b);
        final ByteBuffer[] parts = {frames.header(FRAME_MAGIC, sessionId, length, serial), a, b};
        long remaining = FRAME_HEADER_BYTES + length;
        while (remaining > 0) {
            remaining -= channel.write(parts);
        }
        flushed = end;
        frameSerial = serial;
        return FRAME_HEADER_BYTES + length;
    }

    /** fsyncs this log's file (data only: the file's size is data for an append). */
    void force() throws IOException {
        if (channel != null) {
            channel.force(false);
        }
    }

    /** After the fsync: the ring space up to the flushed position may be reused. */
    void releaseFlushed() {
        // Release: pairs with the session's acquire in awaitSpace.
        POSITION.setRelease(positions, CONSUMED, flushed);
    }

    /** Whether this log opened a file it has not yet made durable in the directory. */
    boolean openedSince(final long epoch) {
        return channel != null && channelEpoch == epoch;
    }

    void closeFile() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    void free() {
        arena.close();
    }

    /* ------------------------------------------------------------------ files and replay */

    static String fileName(final long epoch, final int session) {
        return "log-" + epoch + "-" + session + ".bin";
    }

    /** The epoch in a log file's name, or -1 when the name is not a log file. */
    static long epochOf(final String name) {
        if (!name.startsWith("log-") || !name.endsWith(".bin")) {
            return -1;
        }
        final String[] parts = name.substring(4, name.length() - 4).split("-");
        if (parts.length != 2) {
            return -1;
        }
        try {
            Integer.parseInt(parts[1]);
            return Long.parseLong(parts[0]);
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    /** An epoch above every log file in {@code dir} and not below {@code first}: new files never append to old. */
    static long nextEpoch(final Path dir, final long first) throws IOException {
        long next = first;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "log-*.bin")) {
            for (final Path f : files) {
                next = Math.max(next, epochOf(f.getFileName().toString()) + 1);
            }
        }
        return next;
    }

    /** Receives replayed records. */
    @FunctionalInterface
    interface Sink {
        void accept(int kind, int session, long serial, long key, long version, MemorySegment src, long offset,
                    int length, long delta);
    }

    /**
     * Feeds every record of every log file of epoch {@code >= firstEpoch} to {@code sink}. A file ends at its first
     * frame that {@link Frames#check} refuses (short or failing its CRC): a crash tore it, and nothing after it was
     * ever acknowledged as durable.
     *
     * @param watermarks when not null, receives per session the largest serial watermark of its valid frames
     * @return whether any valid frame was found
     */
    static boolean replay(final Path dir, final long firstEpoch, final Sink sink,
                          final Map<Integer, Long> watermarks) throws IOException {
        boolean any = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "log-*.bin")) {
            for (final Path f : files) {
                if (epochOf(f.getFileName().toString()) >= firstEpoch) {
                    any |= replayFile(f, sink, watermarks);
                }
            }
        }
        return any;
    }

    private static boolean replayFile(final Path file, final Sink sink, final Map<Integer, Long> watermarks)
        throws IOException {
        boolean any = false;
        try (Arena arena = Arena.ofConfined();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            if (size == 0) {
                return false;
            }
            final MemorySegment map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            final CRC32C check = new CRC32C();
            long pos = 0;
            while (true) {
                final long length = Frames.check(map, pos, size, FRAME_MAGIC, check);
                if (length == Frames.TORN) {
                    break;
                }
                final int session = Frames.tag(map, pos);
                final long data = pos + FRAME_HEADER_BYTES;
                any = true;
                if (watermarks != null) {
                    watermarks.merge(session, Frames.aux(map, pos), Math::max);
                }
                for (long r = data; r < data + length; ) {
                    final int bytes = map.get(LE_INT, r);
                    final int kind = map.get(LE_INT, r + 4);
                    if (bytes < 8 || r + bytes > data + length) {
                        throw new StoreException(file + ": record at byte " + r + " overruns its checked frame");
                    }
                    if (kind != PAD) {
                        final int len = map.get(LE_INT, r + 32);
                        final long delta = kind == DELTA ? map.get(LE_LONG, r + RECORD_HEADER_BYTES) : 0;
                        sink.accept(kind, session, map.get(LE_LONG, r + 8), map.get(LE_LONG, r + 16),
                            map.get(LE_LONG, r + 24), map, r + RECORD_HEADER_BYTES, kind == UPSERT ? len : 0, delta);
                    }
                    r += bytes;
                }
                pos = data + length;
            }
        }
        return any;
    }
}
