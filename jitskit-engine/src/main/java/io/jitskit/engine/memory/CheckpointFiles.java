package io.jitskit.engine.memory;

import static io.jitskit.engine.memory.SlotLayout.KEY_OFFSET;
import static io.jitskit.engine.memory.SlotLayout.LIVE;
import static io.jitskit.engine.memory.SlotLayout.PAYLOAD_OFFSET;
import static io.jitskit.engine.memory.SlotLayout.SLOT_BYTES;
import static io.jitskit.engine.memory.SlotLayout.lengthOf;
import static io.jitskit.engine.memory.SlotLayout.stateOf;

import io.jitskit.api.StoreException;
import io.jitskit.engine.runtime.CheckedLines;
import io.jitskit.engine.runtime.DurableFiles;
import io.jitskit.engine.runtime.Frames;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * On-disk formats of checkpoints: snapshot files and the manifest that names the current one.
 *
 * <pre>
 * snapshot-&lt;id&gt;.bin, little-endian: one frame ({@link Frames}: magic "JKSN", tag = slot bytes, aux =
 * checkpoint id), its header written last, in the 32 bytes left at the front, once the records are on disk
 *  records : key (8) | version word (8: version, state, length) | value bytes (length), no padding
 *
 * MANIFEST, {@link CheckedLines}, replaced atomically (write MANIFEST.tmp, fsync, rename, fsync the directory)
 *  jitskit-manifest 1
 *  checkpoint &lt;id&gt;
 *  snapshot &lt;file name&gt;
 *  log-epoch &lt;first session-log epoch not subsumed by the snapshot&gt;
 *  session &lt;id&gt; &lt;serial&gt;            (one line per session)
 *  crc &lt;CRC32C of the lines above&gt;
 * </pre>
 *
 * A checkpoint is durable once its manifest is: the snapshot is fsynced before the manifest names it, so a crash
 * at any point leaves either the old manifest and its snapshot or the new ones.
 */
final class CheckpointFiles {

    /** "JKSN" read as a little-endian int: the snapshot's frame. */
    static final int SNAPSHOT_MAGIC = 0x4e53_4b4a;
    static final int HEADER_BYTES = Frames.HEADER_BYTES;
    static final String MANIFEST = "MANIFEST";
    static final String MANIFEST_FORMAT = "jitskit-manifest 1";
    static final String MANIFEST_TMP = "MANIFEST.tmp";
    /** Commit durability keeps tombstones in snapshots, so older log records of a deleted key stay dead. */
    static final boolean INCLUDE_TOMBSTONES = StoreConfig.COMMIT_LOG;
    private static final int BUFFER_BYTES = 1 << 20;

    private CheckpointFiles() {
    }

    static Path snapshotPath(final Path dir, final long id) {
        return dir.resolve("snapshot-" + id + ".bin");
    }

    /** Receives the records of a snapshot. */
    @FunctionalInterface
    interface RecordSink {
        void accept(long key, long versionWord, MemorySegment src, long offset);
    }

    /** The current checkpoint as the manifest names it. */
    record Manifest(long checkpointId, String snapshot, long logEpoch, Map<Integer, Long> serials) {
    }

    /* ------------------------------------------------------------------ snapshot */

    /** Streams records into a new snapshot file through one 1-MiB off-heap buffer. */
    static final class SnapshotWriter {

        private final Path file;
        private final FileChannel channel;
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment buffer;
        private final Frames.Writer frame = new Frames.Writer();
        private final long id;
        private long position;
        private long bytes;

        SnapshotWriter(final Path file, final long id) throws IOException {
            this.file = file;
            this.id = id;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
            this.buffer = arena.allocate(BUFFER_BYTES, 4096);
            // Zeros where the header goes: a crash before finish leaves a frame that never checks.
            frame.begin();
            writeFully(ByteBuffer.allocate(HEADER_BYTES));
        }

        /** Appends every live slot (and tombstones, with commit durability) of {@code capture}. */
        void writeRecords(final CheckpointCapture capture) throws IOException {
            for (final MemorySegment shard : capture.shards) {
                final long end = shard.byteSize();
                for (long off = 0; off < end; off += SLOT_BYTES) {
                    final long word = shard.get(ValueLayout.JAVA_LONG, off);
                    final int state = stateOf(word);
                    if (state != LIVE && !(INCLUDE_TOMBSTONES && state == SlotLayout.TOMBSTONE)) {
                        continue;
                    }
                    final int len;
                    if (StoreConfig.VARIABLE_KEYS) {
                        // The chunk holds the key's bytes (as long as its tag says), then the value: both are the
                        // record.
                        final long tag = shard.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET);
                        len = state == LIVE ? SlotLayout.keyLengthOf(tag) + lengthOf(word) : 0;
                    } else {
                        len = state == LIVE ? lengthOf(word) : 0;
                    }
                    reserve(16);
                    buffer.set(SlotLayout.LE_LONG, position, shard.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET));
                    buffer.set(SlotLayout.LE_LONG, position + 8, word);
                    position += 16;
                    if (len > 0) {
                        if (StoreConfig.ALL_INLINE
                            || (StoreConfig.SOME_INLINE && len <= SlotLayout.INLINE_BYTES)) {
                            put(shard, off + PAYLOAD_OFFSET, len);
                        } else {
                            final long ref = shard.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
                            put(capture.page(ref), ValueSlab.offsetOf(ref), len);
                        }
                    }
                }
            }
        }

        /** Writes the trailer, fsyncs and closes the file; returns its size. */
        long finish() throws IOException {
            try {
                drain();
                final ByteBuffer header = frame.header(SNAPSHOT_MAGIC, SLOT_BYTES, bytes - HEADER_BYTES, id);
                while (header.hasRemaining()) {
                    channel.write(header, header.position());
                }
                // fsync before any manifest names this file.
                channel.force(true);
                return bytes;
            } finally {
                channel.close();
                arena.close();
            }
        }

        /** Abandons a snapshot that will never be named. */
        void abandon() throws IOException {
            channel.close();
            arena.close();
            Files.deleteIfExists(file);
        }

        private void reserve(final long n) throws IOException {
            if (position + n > BUFFER_BYTES) {
                drain();
            }
        }

        /** Appends {@code len} bytes through the buffer, draining it as often as a record larger than it needs. */
        private void put(final MemorySegment src, final long srcOffset, final long len) throws IOException {
            long done = 0;
            while (done < len) {
                if (position == BUFFER_BYTES) {
                    drain();
                }
                final long n = Math.min(len - done, BUFFER_BYTES - position);
                MemorySegment.copy(src, srcOffset + done, buffer, position, n);
                position += n;
                done += n;
            }
        }

        private void drain() throws IOException {
            if (position == 0) {
                return;
            }
            final ByteBuffer view = buffer.asSlice(0, position).asByteBuffer();
            frame.payload(view);
            writeFully(view);
            position = 0;
        }

        private void writeFully(final ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                bytes += channel.write(src);
            }
        }
    }

    /** Feeds every record of a snapshot to {@code sink}; a missing, torn or corrupt file is a loud error. */
    static void readSnapshot(final Path file, final long expectedId, final RecordSink sink) throws IOException {
        try (Arena arena = Arena.ofConfined();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            final MemorySegment map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            final long length = Frames.check(map, 0, size, SNAPSHOT_MAGIC, new CRC32C());
            if (length == Frames.TORN || HEADER_BYTES + length != size) {
                throw corrupt(file, "of " + size + " bytes is torn or damaged (its frame is short, unfinished or fails"
                    + " its CRC32C)");
            }
            if (Frames.aux(map, 0) != expectedId) {
                throw corrupt(file, "belongs to checkpoint " + Frames.aux(map, 0) + ", not " + expectedId);
            }
            if (Frames.tag(map, 0) != SLOT_BYTES) {
                throw corrupt(file, "was written by a store with " + Frames.tag(map, 0) + "-byte slots; this store has "
                    + SLOT_BYTES);
            }
            final long end = size;
            long pos = HEADER_BYTES;
            while (pos < end) {
                final long key = map.get(SlotLayout.LE_LONG, pos);
                final long word = map.get(SlotLayout.LE_LONG, pos + 8);
                final int len = stateOf(word) != LIVE ? 0
                    : StoreConfig.VARIABLE_KEYS ? SlotLayout.keyLengthOf(key) + lengthOf(word) : lengthOf(word);
                if (len > end - pos - 16) {
                    throw corrupt(file, "has a record at byte " + pos + " running past its end");
                }
                sink.accept(key, word, map, pos + 16);
                pos += 16 + len;
            }
            if (pos != end) {
                throw corrupt(file, "ends inside a record at byte " + pos);
            }
        }
    }

    private static StoreException corrupt(final Path file, final String problem) {
        return new StoreException(file + ": snapshot " + problem + "; the manifest names it, so recovery cannot"
            + " proceed: restore the directory from a backup or delete it to start empty");
    }

    /* ------------------------------------------------------------------ manifest */

    /** Replaces the manifest atomically and durably. */
    static void writeManifest(final Path dir, final Manifest manifest) throws IOException {
        final List<String> lines = new ArrayList<>();
        lines.add(MANIFEST_FORMAT);
        lines.add("checkpoint " + manifest.checkpointId());
        lines.add("snapshot " + manifest.snapshot());
        lines.add("log-epoch " + manifest.logEpoch());
        for (final Map.Entry<Integer, Long> e : new TreeMap<>(manifest.serials()).entrySet()) {
            lines.add("session " + e.getKey() + " " + e.getValue());
        }
        CheckedLines.replace(dir, MANIFEST, lines);
    }

    /** The manifest, or null when the directory holds none (a fresh store). */
    static Manifest readManifest(final Path dir) throws IOException {
        final Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return null;
        }
        final List<String> lines;
        try {
            lines = CheckedLines.read(file, MANIFEST_FORMAT);
        } catch (final IOException e) {
            throw new StoreException(e.getMessage(), e);
        }
        long id = -1;
        String snapshot = null;
        long epoch = 0;
        final Map<Integer, Long> serials = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            final String[] f = lines.get(i).split(" ");
            switch (f[0]) {
                case "checkpoint" -> id = Long.parseLong(f[1]);
                case "snapshot" -> snapshot = f[1];
                case "log-epoch" -> epoch = Long.parseLong(f[1]);
                case "session" -> serials.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                default -> throw new StoreException(file + ":" + (i + 1) + ": unknown manifest line '" + lines.get(i)
                    + "'");
            }
        }
        if (id < 0 || snapshot == null) {
            throw new StoreException(file + ": manifest lacks its checkpoint or snapshot line");
        }
        return new Manifest(id, snapshot, epoch, serials);
    }

    /** After a manifest switch: deletes older snapshots and session logs of epochs before {@code logEpoch}. */
    static void deleteSubsumed(final Path dir, final long checkpointId, final long logEpoch) throws IOException {
        final List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (final Path f : files) {
                final String name = f.getFileName().toString();
                final long snap = numberIn(name, "snapshot-", ".bin");
                if (snap >= 0 && snap < checkpointId) {
                    doomed.add(f);
                }
                if (StoreConfig.COMMIT_LOG) {
                    final long epoch = SessionLog.epochOf(name);
                    if (epoch >= 0 && epoch < logEpoch) {
                        doomed.add(f);
                    }
                }
            }
        }
        for (final Path f : doomed) {
            Files.deleteIfExists(f);
        }
        if (!doomed.isEmpty()) {
            syncDirectory(dir);
        }
    }

    /** At open: removes a half-written manifest and snapshots no manifest names (a crash mid-checkpoint). */
    static void deleteStrays(final Path dir, final Manifest manifest) throws IOException {
        Files.deleteIfExists(dir.resolve(MANIFEST_TMP));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "snapshot-*.bin")) {
            for (final Path f : files) {
                if (manifest == null || !f.getFileName().toString().equals(manifest.snapshot())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    static void syncDirectory(final Path dir) throws IOException {
        DurableFiles.syncDirectory(dir);
    }

    static long numberIn(final String name, final String prefix, final String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(prefix.length(), name.length() - suffix.length()));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }
}
