package io.jitskit.gate.lossy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * A path in a {@link LossyFileSystem}: a real path of the default file system, seen through the lossy layer. Every
 * operation on it goes through {@link LossyFileSystemProvider}, which journals what a power loss could undo.
 *
 * <p>{@link #toFile()} fails loudly: a {@link File} would reach the disk around the layer, and a store doing so would
 * pass the fault-mode crash tests without being tested by them.
 */
final class LossyPath implements Path {

    private final LossyFileSystem fs;
    private final Path real;

    LossyPath(final LossyFileSystem fs, final Path real) {
        this.fs = fs;
        this.real = Objects.requireNonNull(real);
    }

    /** The real path behind this one. */
    Path real() {
        return real;
    }

    /** The real path behind {@code p}: unwrapped when lossy, as is when it is a default-file-system path. */
    static Path unwrap(final Path p) {
        if (p instanceof LossyPath lossy) {
            return lossy.real;
        }
        if (p.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
            throw new ProviderMismatchException("a path of " + p.getFileSystem() + " in the lossy file system");
        }
        return p;
    }

    private Path wrap(final Path p) {
        return p == null ? null : new LossyPath(fs, p);
    }

    @Override
    public FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return real.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(real.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(real.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(real.getParent());
    }

    @Override
    public int getNameCount() {
        return real.getNameCount();
    }

    @Override
    public Path getName(final int index) {
        return wrap(real.getName(index));
    }

    @Override
    public Path subpath(final int beginIndex, final int endIndex) {
        return wrap(real.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(final Path other) {
        return real.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(final Path other) {
        return real.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
        return wrap(real.normalize());
    }

    @Override
    public Path resolve(final Path other) {
        return wrap(real.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(final Path other) {
        return wrap(real.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return URI.create(LossyFileSystemProvider.SCHEME + "://" + real.toAbsolutePath().toUri().getRawPath());
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(real.toAbsolutePath());
    }

    @Override
    public Path toRealPath(final LinkOption... options) throws IOException {
        return wrap(real.toRealPath(options));
    }

    @Override
    public File toFile() {
        throw new UnsupportedOperationException(real + ": the gate's lossy file layer (crash tests in fault mode) "
            + "sees only NIO; java.io.File would bypass it. Use Files/FileChannel on the Path the store was given");
    }

    @Override
    public WatchKey register(final WatchService watcher, final WatchEvent.Kind<?>[] events,
                             final WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("the lossy file layer does not watch directories");
    }

    @Override
    public int compareTo(final Path other) {
        return real.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof LossyPath p && p.fs == fs && p.real.equals(real);
    }

    @Override
    public int hashCode() {
        return real.hashCode();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
