package io.jitskit.gate.lossy;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The default file system seen through a {@link LossyFileSystemProvider}: the same names and files, with every write,
 * fsync, creation, rename and deletion journaled so that a simulated power loss can undo what was never made durable.
 * Create one per crash point with {@link #open}; hand the store {@link #wrap(Path) wrap(dataDir)}.
 */
public final class LossyFileSystem extends FileSystem {

    private static final FileSystem DEFAULT = FileSystems.getDefault();

    private final LossyFileSystemProvider provider;

    LossyFileSystem(final LossyFileSystemProvider provider) {
        this.provider = provider;
    }

    /**
     * A lossy view of the default file system whose undo journal is {@code journal} and whose copies of deleted or
     * replaced files go to {@code sideDir}; both must lie outside the store's directory, on the same file system.
     */
    public static LossyFileSystem open(final Path journal, final Path sideDir) throws IOException {
        return new LossyFileSystemProvider(UndoJournal.create(journal, sideDir)).fileSystem();
    }

    /** {@code real} seen through this file system. */
    public Path wrap(final Path real) {
        return new LossyPath(this, real);
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    /** Closes the journal; paths of this file system stop working. */
    @Override
    public void close() throws IOException {
        provider.journal().close();
    }

    @Override
    public boolean isOpen() {
        return provider.journal().isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return DEFAULT.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        final List<Path> roots = new ArrayList<>();
        DEFAULT.getRootDirectories().forEach(r -> roots.add(wrap(r)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return DEFAULT.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return DEFAULT.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(final String first, final String... more) {
        return wrap(DEFAULT.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(final String syntaxAndPattern) {
        final PathMatcher real = DEFAULT.getPathMatcher(syntaxAndPattern);
        return path -> real.matches(LossyPath.unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return DEFAULT.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("the lossy file layer does not watch directories");
    }
}
