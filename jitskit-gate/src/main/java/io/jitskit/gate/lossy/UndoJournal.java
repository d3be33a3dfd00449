package io.jitskit.gate.lossy;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The lossy layer's memory of what a power loss could undo, and the undoing.
 *
 * <h2>Recording (in the store's process)</h2>
 * Before every write the journal appends the bytes the write will cover and the file's size; after every fsync of a
 * file, a mark that makes that file's earlier records void; before every creation, rename or deletion, a record of
 * the name (a deleted file, or the file a rename replaces, is first hard-linked into the side directory so it can come
 * back); after every fsync of a directory, a mark that makes the earlier name records of that directory void. The
 * journal is a plain file outside the store's directory, appended with one {@code write} per record: a SIGKILL kills
 * the process, not the machine, so every record written before it is there afterwards, and a record is always written
 * before the change it undoes (a torn last record belongs to a change that never happened).
 *
 * <pre>
 *   record = length:int  type:byte  fields        (str = length:int, UTF-8 bytes)
 *     WRITE   fileKey:str  offset:long  sizeBefore:long  old bytes (the rest of the record)
 *     SYNC    fileKey:str
 *     CREATE  path:str
 *     DELETE  path:str  link:str ("" for a directory)
 *     RENAME  from:str  to:str  replacedLink:str ("" when nothing was replaced)
 *     DIRSYNC dir:str
 *     MAPPED  fileKey:str  path:str
 * </pre>
 *
 * <h2>Undoing (in the gate, after the kill)</h2>
 * {@link #applyPowerLoss} first reverts, newest first, every name record not followed by an fsync of its directory
 * (both directories for a rename), then, newest first, every WRITE not followed by a SYNC of its file, finding the
 * file by its identity (device and inode, kept across renames and hard links), and cuts each file back to its size at
 * its last fsync. Files written through a read-write mapping are left as they are and reported.
 */
public final class UndoJournal implements Closeable {

    private static final byte WRITE = 1;
    private static final byte SYNC = 2;
    private static final byte CREATE = 3;
    private static final byte DELETE = 4;
    private static final byte RENAME = 5;
    private static final byte DIRSYNC = 6;
    private static final byte MAPPED = 7;

    /** Old bytes are journaled in records of at most this many bytes. */
    private static final int CHUNK = 8 << 20;

    private final FileChannel out;
    private final Path sideDir;
    private final AtomicLong links = new AtomicLong();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    private UndoJournal(final FileChannel out, final Path sideDir) {
        this.out = out;
        this.sideDir = sideDir;
    }

    static UndoJournal create(final Path journal, final Path sideDir) throws IOException {
        Files.createDirectories(sideDir);
        return new UndoJournal(FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING), sideDir);
    }

    /** A file's identity, stable across renames: its device and inode. */
    static String fileKey(final Path real) throws IOException {
        final Object key = Files.readAttributes(real, BasicFileAttributes.class).fileKey();
        if (key == null) {
            throw new IOException(real + ": the file system gives no file identity; the lossy layer needs one");
        }
        return key.toString();
    }

    boolean isOpen() {
        return out.isOpen();
    }

    /** The monitor under which one file's journaling and writing happen together. */
    Object lockFor(final String fileKey) {
        return locks.computeIfAbsent(fileKey == null ? "" : fileKey, k -> new Object());
    }

    /* ---- Recording ---- */

    void beforeWrite(final String fileKey, final FileChannel file, final long at, final long length)
        throws IOException {
        final long size = file.size();
        final long end = Math.min(size, at + length);
        journalRange(fileKey, file, at, end, size);
    }

    void beforeTruncate(final String fileKey, final FileChannel file, final long newSize) throws IOException {
        final long size = file.size();
        journalRange(fileKey, file, newSize, size, size);
    }

    /** Journals the bytes {@code [from, to)} of {@code file} (none when {@code to <= from}) and its size. */
    private void journalRange(final String fileKey, final FileChannel file, final long from, final long to,
                              final long sizeBefore) throws IOException {
        long offset = from;
        do {
            final long at = offset;
            final int n = (int) Math.max(0, Math.min(CHUNK, to - at));
            final ByteBuffer old = ByteBuffer.allocate(n);
            while (old.hasRemaining() && file.read(old, at + old.position()) >= 0) {
                // positional reads until the range is in (a shorter file ends it early)
            }
            append(WRITE, fields -> {
                writeString(fields, fileKey);
                fields.writeLong(at);
                fields.writeLong(sizeBefore);
                fields.write(old.array(), 0, old.position());
            });
            offset += n;
        } while (offset < to);
    }

    void synced(final String fileKey) throws IOException {
        append(SYNC, fields -> writeString(fields, fileKey));
    }

    void directorySynced(final Path dir) throws IOException {
        append(DIRSYNC, fields -> writeString(fields, dir.toAbsolutePath().normalize().toString()));
    }

    void creating(final Path path) throws IOException {
        append(CREATE, fields -> writeString(fields, absolute(path)));
    }

    void deleting(final Path path) throws IOException {
        final String link = Files.isRegularFile(path) ? keep(path).toString() : "";
        append(DELETE, fields -> {
            writeString(fields, absolute(path));
            writeString(fields, link);
        });
    }

    void renaming(final Path from, final Path to) throws IOException {
        final String link = Files.isRegularFile(to) ? keep(to).toString() : "";
        append(RENAME, fields -> {
            writeString(fields, absolute(from));
            writeString(fields, absolute(to));
            writeString(fields, link);
        });
    }

    void mapped(final String fileKey, final Path path) throws IOException {
        append(MAPPED, fields -> {
            writeString(fields, fileKey);
            writeString(fields, absolute(path));
        });
    }

    /** A hard link to {@code file} in the side directory, so that undoing its removal can bring it back. */
    private Path keep(final Path file) throws IOException {
        final Path link = sideDir.resolve("kept-" + links.incrementAndGet());
        try {
            Files.createLink(link, file);
        } catch (final UnsupportedOperationException | IOException e) {
            Files.copy(file, link);
        }
        return link;
    }

    private static void writeString(final DataOutputStream out, final String s) throws IOException {
        final byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String absolute(final Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    @FunctionalInterface
    private interface Fields {
        void write(DataOutputStream fields) throws IOException;
    }

    private void append(final byte type, final Fields fields) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        final DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(0);
        data.writeByte(type);
        fields.write(data);
        data.flush();
        final ByteBuffer record = ByteBuffer.wrap(bytes.toByteArray());
        record.putInt(0, record.capacity() - Integer.BYTES);
        synchronized (out) {
            while (record.hasRemaining()) {
                out.write(record);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /* ---- Undoing ---- */

    /**
     * What a simulated power loss took away.
     *
     * @param records        journal records read
     * @param bytesRestored  bytes put back over unsynced writes
     * @param filesCut       files cut back to their size at their last fsync
     * @param namesReverted  creations, renames and deletions undone
     * @param unsimulated    files written through a read-write mapping, left as the kill left them
     */
    public record Loss(long records, long bytesRestored, int filesCut, int namesReverted, List<String> unsimulated) {
        /** One line for a report. */
        public String describe() {
            return bytesRestored + " unsynced bytes reverted, " + filesCut + " files cut back, " + namesReverted
                + " unsynced names reverted" + (unsimulated.isEmpty() ? "" : "; not simulated (mapped read-write): "
                + unsimulated);
        }
    }

    private record Entry(int index, byte type, String a, String b, String c, long offset, long sizeBefore,
                         long bytesAt, int bytesLength) { }

    /**
     * Turns the store's directory into what a power loss at the moment of the kill could have left: call once the
     * process that wrote {@code journal} is dead.
     *
     * @param root the store's data directory, searched for files by identity
     */
    public static Loss applyPowerLoss(final Path journal, final Path root) throws IOException {
        final List<Entry> entries = read(journal);
        final Map<String, Integer> lastSync = new HashMap<>();
        final Map<String, Integer> lastDirSync = new HashMap<>();
        final Set<String> mapped = new HashSet<>();
        for (final Entry e : entries) {
            switch (e.type) {
                case SYNC -> lastSync.put(e.a, e.index);
                case DIRSYNC -> lastDirSync.put(e.a, e.index);
                case MAPPED -> mapped.add(e.a + " " + e.b);
                default -> { }
            }
        }
        int names = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            final Entry e = entries.get(i);
            final boolean undone = switch (e.type) {
                case CREATE -> !coveredByDirSync(lastDirSync, e.a, i) && removeTree(Path.of(e.a));
                case DELETE -> !coveredByDirSync(lastDirSync, e.a, i) && restore(Path.of(e.a), e.b);
                case RENAME -> !(coveredByDirSync(lastDirSync, e.a, i) && coveredByDirSync(lastDirSync, e.b, i))
                    && unrename(Path.of(e.a), Path.of(e.b), e.c);
                default -> false;
            };
            names += undone ? 1 : 0;
        }
        final Set<String> mappedKeys = new HashSet<>();
        final List<String> unsimulated = new ArrayList<>();
        for (final String m : mapped) {
            mappedKeys.add(m.substring(0, m.indexOf(' ')));
            unsimulated.add(m.substring(m.indexOf(' ') + 1));
        }
        final Map<String, Path> byKey = filesByKey(root);
        final Map<Path, Long> cutTo = new LinkedHashMap<>();
        long restored = 0;
        try (FileChannel source = FileChannel.open(journal, StandardOpenOption.READ)) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                final Entry e = entries.get(i);
                if (e.type != WRITE || lastSync.getOrDefault(e.a, -1) > i || mappedKeys.contains(e.a)) {
                    continue;
                }
                final Path file = byKey.get(e.a);
                if (file == null) {
                    continue; // the file is gone: deleted for good, or its creation was undone
                }
                final ByteBuffer old = ByteBuffer.allocate(e.bytesLength);
                while (old.hasRemaining() && source.read(old, e.bytesAt + old.position()) >= 0) {
                    // positional reads until the record's bytes are in
                }
                old.flip();
                try (FileChannel target = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    long at = e.offset;
                    while (old.hasRemaining()) {
                        at += target.write(old, at);
                    }
                }
                restored += e.bytesLength;
                cutTo.put(file, e.sizeBefore);
            }
        }
        int cut = 0;
        for (final Map.Entry<Path, Long> c : cutTo.entrySet()) {
            try (FileChannel target = FileChannel.open(c.getKey(), StandardOpenOption.WRITE)) {
                if (target.size() > c.getValue()) {
                    target.truncate(c.getValue());
                    cut++;
                }
            }
        }
        return new Loss(entries.size(), restored, cut, names, List.copyOf(unsimulated));
    }

    private static boolean coveredByDirSync(final Map<String, Integer> lastDirSync, final String path,
                                            final int index) {
        final Path parent = Path.of(path).getParent();
        return parent != null && lastDirSync.getOrDefault(parent.toString(), -1) > index;
    }

    private static boolean removeTree(final Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        return true;
    }

    private static boolean restore(final Path path, final String link) throws IOException {
        if (Files.exists(path)) {
            return false;
        }
        if (link.isEmpty()) {
            Files.createDirectories(path);
        } else {
            Files.createLink(path, Path.of(link));
        }
        return true;
    }

    private static boolean unrename(final Path from, final Path to, final String replacedLink) throws IOException {
        if (!Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Files.move(to, from, StandardCopyOption.REPLACE_EXISTING);
        if (!replacedLink.isEmpty()) {
            Files.createLink(to, Path.of(replacedLink));
        }
        return true;
    }

    private static Map<String, Path> filesByKey(final Path root) throws IOException {
        final Map<String, Path> byKey = new HashMap<>();
        if (!Files.exists(root)) {
            return byKey;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.fileKey() != null) {
                    byKey.put(attrs.fileKey().toString(), file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return byKey;
    }

    private static List<Entry> read(final Path journal) throws IOException {
        final List<Entry> entries = new ArrayList<>();
        if (!Files.exists(journal)) {
            return entries;
        }
        final long size = Files.size(journal);
        try (InputStream raw = Channels.newInputStream(FileChannel.open(journal, StandardOpenOption.READ));
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            long position = 0;
            while (position + Integer.BYTES <= size) {
                final int length = in.readInt();
                if (length <= 0 || position + Integer.BYTES + length > size) {
                    break; // a record torn by the kill: its change never happened
                }
                final long recordStart = position + Integer.BYTES;
                final byte type = in.readByte();
                final CountingFields f = new CountingFields(in);
                final Entry entry = switch (type) {
                    case WRITE -> {
                        final String key = f.str();
                        final long offset = f.longValue();
                        final long before = f.longValue();
                        final int consumed = 1 + f.consumed();
                        final int bytes = length - consumed;
                        in.skipNBytes(bytes);
                        yield new Entry(entries.size(), type, key, "", "", offset, before, recordStart + consumed,
                            bytes);
                    }
                    case SYNC, CREATE, DIRSYNC -> new Entry(entries.size(), type, f.str(), "", "", 0, 0, 0, 0);
                    case DELETE, MAPPED -> new Entry(entries.size(), type, f.str(), f.str(), "", 0, 0, 0, 0);
                    case RENAME -> new Entry(entries.size(), type, f.str(), f.str(), f.str(), 0, 0, 0, 0);
                    default -> throw new IOException(journal + ": unknown record type " + type + " at offset "
                        + position);
                };
                entries.add(entry);
                position = recordStart + length;
            }
        } catch (final EOFException torn) {
            // The last record was cut short by the kill; everything before it stands.
        }
        return entries;
    }

    /** Reads fields and counts their bytes, so a WRITE record knows where its old bytes start. */
    private static final class CountingFields {
        private final DataInputStream in;
        private int consumed;

        CountingFields(final DataInputStream in) {
            this.in = in;
        }

        String str() throws IOException {
            final int n = in.readInt();
            consumed += Integer.BYTES + n;
            return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
        }

        long longValue() throws IOException {
            consumed += Long.BYTES;
            return in.readLong();
        }

        int consumed() {
            return consumed;
        }
    }
}
