package io.jitskit.stores.reference;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference store's files, their names, and the directory-level operations durability needs: an exclusive lock
 * so two stores never share a directory, and an fsync of the directory itself so that creations and renames survive
 * a crash of the machine.
 *
 * <pre>
 * dataDir/
 *   LOCK                      held (fcntl lock) while a store has the directory open
 *   checkpoint.meta           the last completed checkpoint; absent until the first
 *   snapshot-0000000007.dat   the whole map as of the start of log generation 7
 *   log-0000000007.dat        mutations since then, in lock order
 *   *.tmp                     a file being written; never read, deleted on open
 * </pre>
 */
final class DataDirectory implements Closeable {

    static final String METADATA = "checkpoint.meta";
    private static final String LOCK = "LOCK";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(final Path dir, final FileChannel lockChannel, final FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates {@code dir} if needed and takes its lock, or fails if another store holds it. */
    static DataDirectory lock(final Path dir) throws IOException {
        Files.createDirectories(dir);
        final FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (final OverlappingFileLockException e) {
            lock = null;
        } finally {
            if (lock == null) {
                channel.close();
            }
        }
        if (lock == null) {
            throw new IOException(dir + ": already open by another store; close it first or give a different data "
                + "directory");
        }
        return new DataDirectory(dir, channel, lock);
    }

    Path path() {
        return dir;
    }

    Path metadata() {
        return dir.resolve(METADATA);
    }

    Path log(final long generation) {
        return dir.resolve(String.format(Locale.ROOT, "log-%010d.dat", generation));
    }

    Path snapshot(final long generation) {
        return dir.resolve(String.format(Locale.ROOT, "snapshot-%010d.dat", generation));
    }

    /** The name a file is written under before it is renamed into place. */
    static Path temporary(final Path file) {
        return file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
    }

    /** Makes creations, renames and deletions in the directory durable. */
    void sync() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes half-written files left by a crash. */
    void deleteTemporaries() throws IOException {
        for (final Path p : list("*" + TEMPORARY_SUFFIX)) {
            Files.deleteIfExists(p);
        }
    }

    /** Deletes logs and snapshots whose generation is not in {@code [firstKept, lastKept]}, and the snapshots
     * other than {@code snapshotKept}. */
    void deleteGenerationsOutside(final long firstKept, final long lastKept, final long snapshotKept)
        throws IOException {
        for (final Path p : list("log-*.dat")) {
            final long g = generationOf(p);
            if (g < firstKept || g > lastKept) {
                Files.deleteIfExists(p);
            }
        }
        for (final Path p : list("snapshot-*.dat")) {
            if (generationOf(p) != snapshotKept) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long generationOf(final Path file) {
        final String name = file.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('-') + 1, name.indexOf('.')));
    }

    private List<Path> list(final String glob) throws IOException {
        final List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(paths::add);
        }
        return paths;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
