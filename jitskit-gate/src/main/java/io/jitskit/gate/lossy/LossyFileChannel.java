package io.jitskit.gate.lossy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A file channel whose writes are journaled before they happen: the bytes a write will cover (and the file's size)
 * go to the {@link UndoJournal} first, so that a simulated power loss can put them back unless a {@link #force} made
 * them durable since. Reads, locks and positions are the real channel's.
 *
 * <p>Journaling and writing one range must not interleave with another writer of the same file, or the journal would
 * hold bytes that were never the file's; both happen under the journal's per-file lock.
 */
final class LossyFileChannel extends FileChannel {

    private final UndoJournal journal;
    private final FileChannel channel;
    /** Reads the bytes a write will cover: {@code channel} when it is readable, else a read-only twin. */
    private final FileChannel capture;
    private final Path path;
    /** Null for a directory: its channel exists only to be forced (a directory fsync). */
    private final String fileKey;
    private final boolean append;

    LossyFileChannel(final UndoJournal journal, final FileChannel channel, final FileChannel capture, final Path path,
                     final String fileKey, final boolean append) {
        this.journal = journal;
        this.channel = channel;
        this.capture = capture;
        this.path = path;
        this.fileKey = fileKey;
        this.append = append;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public long read(final ByteBuffer[] dsts, final int offset, final int length) throws IOException {
        return channel.read(dsts, offset, length);
    }

    @Override
    public int read(final ByteBuffer dst, final long position) throws IOException {
        return channel.read(dst, position);
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        synchronized (journal.lockFor(fileKey)) {
            final long at = append ? channel.size() : channel.position();
            journal.beforeWrite(fileKey, capture, at, src.remaining());
            return channel.write(src);
        }
    }

    @Override
    public long write(final ByteBuffer[] srcs, final int offset, final int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        synchronized (journal.lockFor(fileKey)) {
            final long at = append ? channel.size() : channel.position();
            journal.beforeWrite(fileKey, capture, at, total);
            return channel.write(srcs, offset, length);
        }
    }

    @Override
    public int write(final ByteBuffer src, final long position) throws IOException {
        synchronized (journal.lockFor(fileKey)) {
            journal.beforeWrite(fileKey, capture, position, src.remaining());
            return channel.write(src, position);
        }
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public FileChannel position(final long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public FileChannel truncate(final long size) throws IOException {
        synchronized (journal.lockFor(fileKey)) {
            if (size < channel.size()) {
                journal.beforeTruncate(fileKey, capture, size);
            }
            channel.truncate(size);
        }
        return this;
    }

    /**
     * Makes the file durable: its journaled ranges are dropped, or, for a directory, the names created, renamed and
     * deleted in it. The real fsync comes first: nothing depending on it can be acknowledged before this returns.
     */
    @Override
    public void force(final boolean metaData) throws IOException {
        channel.force(metaData);
        if (fileKey == null) {
            journal.directorySynced(path);
        } else {
            journal.synced(fileKey);
        }
    }

    @Override
    public long transferTo(final long position, final long count, final WritableByteChannel target)
        throws IOException {
        return channel.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(final ReadableByteChannel src, final long position, final long count)
        throws IOException {
        synchronized (journal.lockFor(fileKey)) {
            journal.beforeWrite(fileKey, capture, position, count);
            return channel.transferFrom(src instanceof LossyFileChannel l ? l.channel : src, position, count);
        }
    }

    @Override
    public MappedByteBuffer map(final MapMode mode, final long position, final long size) throws IOException {
        if (mode == MapMode.READ_WRITE) {
            journal.mapped(fileKey, path);
        }
        return channel.map(mode, position, size);
    }

    @Override
    public MemorySegment map(final MapMode mode, final long offset, final long size, final Arena arena)
        throws IOException {
        if (mode == MapMode.READ_WRITE) {
            journal.mapped(fileKey, path);
        }
        return channel.map(mode, offset, size, arena);
    }

    @Override
    public FileLock lock(final long position, final long size, final boolean shared) throws IOException {
        return new Lock(this, channel.lock(position, size, shared));
    }

    @Override
    public FileLock tryLock(final long position, final long size, final boolean shared) throws IOException {
        final FileLock lock = channel.tryLock(position, size, shared);
        return lock == null ? null : new Lock(this, lock);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            channel.close();
        } finally {
            if (capture != channel) {
                capture.close();
            }
        }
    }

    /** A lock on the real channel, reporting this channel as its own. */
    private static final class Lock extends FileLock {
        private final FileLock real;

        Lock(final LossyFileChannel channel, final FileLock real) {
            super(channel, real.position(), real.size(), real.isShared());
            this.real = real;
        }

        @Override
        public boolean isValid() {
            return real.isValid();
        }

        @Override
        public void release() throws IOException {
            real.release();
        }
    }
}
