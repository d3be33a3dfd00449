package io.jitskit.stores.reference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The description of a completed checkpoint, in {@code checkpoint.meta}. The state it names is: the snapshot of
 * generation {@code snapshotGeneration} (the empty map when that is 0), then every log from that generation up to
 * {@code logGeneration} replayed whole, then {@code logGeneration}'s log replayed up to {@code logPosition}.
 *
 * <pre>
 *   magic "JKCP" (4) | version (4) | id (8) | snapshot generation (8) | log generation (8) | log position (8)
 *   | session count (4) | count x (session id (4), serial (8)) | CRC32C of everything before (4)
 * </pre>
 *
 * <p>Written to a temporary file, fsynced, renamed over the old one and the directory fsynced: a reader sees the old
 * checkpoint or the new one, never a mix, and never a checkpoint whose files are not yet durable.
 *
 * @param serials per session id, the serial up to which the checkpoint includes that session's operations
 */
record CheckpointMetadata(long id, long snapshotGeneration, long logGeneration, long logPosition,
                          Map<Integer, Long> serials) {

    private static final int MAGIC = 0x50434B4A; // "JKCP" read little-endian
    private static final int VERSION = 1;
    private static final int FIXED_BYTES = 4 + 4 + 8 + 8 + 8 + 8 + 4;
    private static final int SESSION_BYTES = 4 + 8;

    CheckpointMetadata {
        serials = Map.copyOf(serials);
    }

    /** The checkpoint in {@code file}, or {@code null} when there is none. */
    static CheckpointMetadata readIfPresent(final Path file) throws IOException {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            return null;
        }
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < FIXED_BYTES + 4 || b.getInt(0) != MAGIC || b.getInt(4) != VERSION) {
            throw new IOException(file + ": not a reference-store checkpoint (bad magic or version); the data "
                + "directory belongs to another store or version, give an empty directory");
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) {
            throw new IOException(file + ": checksum mismatch; it is renamed into place only once complete, so the "
                + "file was damaged after it was written");
        }
        b.position(8);
        final long id = b.getLong();
        final long snapshotGeneration = b.getLong();
        final long logGeneration = b.getLong();
        final long logPosition = b.getLong();
        final int sessions = b.getInt();
        if (sessions < 0 || FIXED_BYTES + (long) sessions * SESSION_BYTES + 4 != bytes.length) {
            throw new IOException(file + ": session count " + sessions + " does not match the file's length");
        }
        final Map<Integer, Long> serials = new TreeMap<>();
        for (int i = 0; i < sessions; i++) {
            serials.put(b.getInt(), b.getLong());
        }
        return new CheckpointMetadata(id, snapshotGeneration, logGeneration, logPosition, serials);
    }

    /** Replaces the checkpoint in {@code directory} with this one, atomically and durably. */
    void writeAtomically(final DataDirectory directory) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + serials.size() * SESSION_BYTES + 4)
            .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(id).putLong(snapshotGeneration).putLong(logGeneration)
            .putLong(logPosition).putInt(serials.size());
        for (final Map.Entry<Integer, Long> e : new TreeMap<>(serials).entrySet()) {
            b.putInt(e.getKey()).putLong(e.getValue());
        }
        final CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        final Path target = directory.metadata();
        final Path temporary = DataDirectory.temporary(target);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        directory.sync();
    }
}
