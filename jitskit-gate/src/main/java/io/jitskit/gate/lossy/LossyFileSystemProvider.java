package io.jitskit.gate.lossy;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The provider behind {@link LossyFileSystem}: every call is forwarded to the default provider on the real path,
 * after the {@link UndoJournal} has recorded how to undo it.
 *
 * <h2>What a simulated power loss undoes</h2>
 * <ul>
 *   <li><b>Data</b>: every byte range written (or cut by a truncation) in a file since the last
 *       {@code force(true|false)} of that file, through any channel, reverts to its previous bytes and the file to its
 *       size at that force.</li>
 *   <li><b>Names</b>: every creation, rename and deletion in a directory since the last fsync of that directory
 *       ({@code FileChannel.open(dir, READ).force(...)}) is reverted, newest first: created files and directories
 *       vanish (even when the file itself was fsynced: POSIX promises nothing else), renamed files go back to their
 *       old names (and a file a rename replaced comes back), deleted files come back with their contents.</li>
 * </ul>
 * That is the state a strict POSIX file system may show after a power cut in which the disk wrote nothing it was not
 * told to; real file systems often keep more (ext4 commits a new file's name with its fsync), so a store that passes
 * here passes there. Kept by the operating system but not simulated: writes through a {@code MappedByteBuffer} or a
 * mapped {@code MemorySegment} (the journal marks such files and leaves them as the kill left them), and anything
 * done through {@code java.io.File}, {@code RandomAccessFile} or native code, which bypass NIO paths ({@link
 * LossyPath#toFile} refuses, so that this is not silent). Fault mode therefore applies to stores that do their file
 * I/O through the NIO {@code Path} they are given, as synthesized stores and the reference store do.
 */
final class LossyFileSystemProvider extends FileSystemProvider {

    /** The URI scheme of lossy paths. */
    static final String SCHEME = "lossy";

    private final UndoJournal journal;
    private final LossyFileSystem fileSystem;
    private final FileSystemProvider real = java.nio.file.FileSystems.getDefault().provider();

    LossyFileSystemProvider(final UndoJournal journal) {
        this.journal = journal;
        this.fileSystem = new LossyFileSystem(this);
    }

    LossyFileSystem fileSystem() {
        return fileSystem;
    }

    UndoJournal journal() {
        return journal;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(final URI uri, final Map<String, ?> env) {
        throw new UnsupportedOperationException("lossy file systems are made by LossyFileSystem.open");
    }

    @Override
    public FileSystem getFileSystem(final URI uri) {
        return fileSystem;
    }

    @Override
    public Path getPath(final URI uri) {
        return fileSystem.wrap(Path.of(uri.getPath()));
    }

    /* ---- Files and channels ---- */

    @Override
    public SeekableByteChannel newByteChannel(final Path path, final Set<? extends OpenOption> options,
                                              final FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(final Path path, final Set<? extends OpenOption> options,
                                      final FileAttribute<?>... attrs) throws IOException {
        final Path file = LossyPath.unwrap(path);
        final boolean writing = options.contains(StandardOpenOption.WRITE)
            || options.contains(StandardOpenOption.APPEND);
        final boolean existed = Files.exists(file);
        if (!existed && writing && (options.contains(StandardOpenOption.CREATE)
            || options.contains(StandardOpenOption.CREATE_NEW))) {
            journal.creating(file);
        }
        if (existed && writing && options.contains(StandardOpenOption.TRUNCATE_EXISTING)
            && Files.isRegularFile(file)) {
            // Opening with TRUNCATE_EXISTING cuts the file before we hold a channel: journal the cut first.
            try (FileChannel before = FileChannel.open(file, StandardOpenOption.READ)) {
                journal.beforeTruncate(UndoJournal.fileKey(file), before, 0);
            }
        }
        final Set<OpenOption> realOptions = new HashSet<>(options);
        if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            throw new UnsupportedOperationException(path + ": DELETE_ON_CLOSE is not simulated by the lossy layer");
        }
        final FileChannel channel = real.newFileChannel(file, realOptions, attrs);
        if (Files.isDirectory(file)) {
            return new LossyFileChannel(journal, channel, channel, file, null, false);
        }
        // The journal must read what a write will cover, even through a channel the store opened write-only.
        final FileChannel capture = !writing || options.contains(StandardOpenOption.READ) ? channel
            : FileChannel.open(file, StandardOpenOption.READ);
        return new LossyFileChannel(journal, channel, capture, file, UndoJournal.fileKey(file),
            options.contains(StandardOpenOption.APPEND));
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(final Path path,
                                                              final Set<? extends OpenOption> options,
                                                              final ExecutorService executor,
                                                              final FileAttribute<?>... attrs) {
        throw new UnsupportedOperationException(path + ": asynchronous channels are not simulated by the lossy "
            + "file layer; use FileChannel");
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(final Path dir, final DirectoryStream.Filter<? super Path> filter)
        throws IOException {
        final DirectoryStream<Path> stream = real.newDirectoryStream(LossyPath.unwrap(dir),
            entry -> filter.accept(fileSystem.wrap(entry)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                final Iterator<Path> it = stream.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fileSystem.wrap(it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    /* ---- Names ---- */

    @Override
    public void createDirectory(final Path dir, final FileAttribute<?>... attrs) throws IOException {
        final Path realDir = LossyPath.unwrap(dir);
        if (!Files.exists(realDir)) {
            journal.creating(realDir);
        }
        real.createDirectory(realDir, attrs);
    }

    @Override
    public void createLink(final Path link, final Path existing) throws IOException {
        final Path realLink = LossyPath.unwrap(link);
        journal.creating(realLink);
        real.createLink(realLink, LossyPath.unwrap(existing));
    }

    @Override
    public void createSymbolicLink(final Path link, final Path target, final FileAttribute<?>... attrs)
        throws IOException {
        final Path realLink = LossyPath.unwrap(link);
        journal.creating(realLink);
        real.createSymbolicLink(realLink, target instanceof LossyPath p ? p.real() : target, attrs);
    }

    @Override
    public Path readSymbolicLink(final Path link) throws IOException {
        return fileSystem.wrap(real.readSymbolicLink(LossyPath.unwrap(link)));
    }

    @Override
    public void delete(final Path path) throws IOException {
        final Path file = LossyPath.unwrap(path);
        journal.deleting(file);
        real.delete(file);
    }

    @Override
    public void copy(final Path source, final Path target, final CopyOption... options) throws IOException {
        // Through our own channels, so that the new bytes are journaled like any other write.
        final Path to = LossyPath.unwrap(target);
        if (Files.exists(to)) {
            boolean replace = false;
            for (final CopyOption o : options) {
                replace |= o == StandardCopyOption.REPLACE_EXISTING;
            }
            if (!replace) {
                throw new java.nio.file.FileAlreadyExistsException(to.toString());
            }
        }
        try (FileChannel in = FileChannel.open(LossyPath.unwrap(source), StandardOpenOption.READ);
             FileChannel out = newFileChannel(target, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                 StandardOpenOption.TRUNCATE_EXISTING))) {
            long position = 0;
            final long size = in.size();
            while (position < size) {
                position += out.transferFrom(in, position, size - position);
            }
        }
    }

    @Override
    public void move(final Path source, final Path target, final CopyOption... options) throws IOException {
        final Path from = LossyPath.unwrap(source);
        final Path to = LossyPath.unwrap(target);
        journal.renaming(from, to);
        real.move(from, to, options);
    }

    /* ---- Attributes: forwarded ---- */

    @Override
    public boolean isSameFile(final Path path, final Path path2) throws IOException {
        return real.isSameFile(LossyPath.unwrap(path), LossyPath.unwrap(path2));
    }

    @Override
    public boolean isHidden(final Path path) throws IOException {
        return real.isHidden(LossyPath.unwrap(path));
    }

    @Override
    public FileStore getFileStore(final Path path) throws IOException {
        return real.getFileStore(LossyPath.unwrap(path));
    }

    @Override
    public void checkAccess(final Path path, final AccessMode... modes) throws IOException {
        real.checkAccess(LossyPath.unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(final Path path, final Class<V> type,
                                                                final LinkOption... options) {
        return real.getFileAttributeView(LossyPath.unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(final Path path, final Class<A> type,
                                                            final LinkOption... options) throws IOException {
        return real.readAttributes(LossyPath.unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(final Path path, final String attributes, final LinkOption... options)
        throws IOException {
        return real.readAttributes(LossyPath.unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(final Path path, final String attribute, final Object value,
                             final LinkOption... options) throws IOException {
        real.setAttribute(LossyPath.unwrap(path), attribute, value, options);
    }
}
