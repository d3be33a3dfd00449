package io.jitskit.baselines.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * File chores of the durable adapters: fsyncs that include the directory entry, atomic publication by rename, and
 * clearing a directory for a fresh store.
 */
public final class DataDirs {

    private DataDirs() {
    }

    /** Creates {@code dir} and removes everything in it: a store without durability starts empty. */
    public static void clear(final Path dir) throws IOException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
    }

    public static void deleteRecursively(final Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path d, final IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Forces a file's data and metadata to the device. */
    public static void fsync(final Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Forces a directory's entries (creations, renames) to the device: Linux needs this after a rename. */
    public static void fsyncDirectory(final Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that a crash leaves either the old or the new file: write a
     * temporary sibling, fsync it, rename it over the target, fsync the directory.
     */
    public static void publish(final Path target, final byte[] content) throws IOException {
        final Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        move(tmp, target);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /** The content of a file published with {@link #publish}, if there is one. */
    public static Optional<byte[]> readPublished(final Path target) throws IOException {
        return Files.isRegularFile(target) ? Optional.of(Files.readAllBytes(target)) : Optional.empty();
    }

    /** Atomic rename; this project's storage is a local Linux file system, where rename(2) is atomic. */
    public static void move(final Path from, final Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final AtomicMoveNotSupportedException e) {
            throw new IOException(from + " -> " + to + ": the file system cannot rename atomically; put the store's "
                + "data directory on a local file system", e);
        }
    }
}
