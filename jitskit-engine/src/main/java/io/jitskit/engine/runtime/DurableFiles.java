package io.jitskit.engine.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File steps that make a store's files durable as names, not only as data: directory fsync and atomic durable
 * replace. Linux semantics; on file systems without directory fsync the call is a no-op, never an error the store
 * must handle.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** fsyncs {@code dir}, making the names created, renamed and deleted in it durable. */
    public static void syncDirectory(final Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Replaces {@code dir/name} by {@code bytes} atomically and durably: writes {@code tmpName}, fsyncs it, renames it
     * over the target and fsyncs the directory. A crash at any point leaves either the old file or the new one; a
     * stray {@code tmpName} may remain, and the caller deletes it at open.
     */
    public static void replace(final Path dir, final String name, final String tmpName, final ByteBuffer bytes)
        throws IOException {
        final Path tmp = dir.resolve(tmpName);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            // fsync before the rename: the new name must never point at data not yet on disk.
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }
}
