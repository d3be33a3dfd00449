package io.jitskit.engine.runtime;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * Positional file I/O through libc, so that the store holds real file descriptors: it can open them with
 * {@code O_DIRECT} and, where the file system refuses that, turn readahead off ({@code POSIX_FADV_RANDOM}) and drop
 * what it wrote or read from the page cache with {@code sync_file_range} + {@code posix_fadvise(DONTNEED)}. Either way
 * the store's files do not sit in the page cache, which the memory budget charges to the store. The bindings are
 * {@link Libc}'s.
 *
 * <p>One instance per thread role (a session, the compactor, the checkpointer): it owns the segment libc writes
 * {@code errno} into. Linux only (x86-64 and aarch64 flag values).
 */
public final class FileIo {

    private static final VarHandle ERRNO = Libc.CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Checked once, at class initialization: a store that needs these cannot run without them.
    private static final MethodHandle OPEN = present(Libc.FileCalls.OPEN, "open");
    private static final MethodHandle PREAD = present(Libc.FileCalls.PREAD, "pread");
    private static final MethodHandle PWRITE = present(Libc.FileCalls.PWRITE, "pwrite");
    private static final MethodHandle FDATASYNC = present(Libc.FileCalls.FDATASYNC, "fdatasync");
    private static final MethodHandle SYNC_FILE_RANGE = present(Libc.FileCalls.SYNC_FILE_RANGE, "sync_file_range");
    /** Returns the error number itself, not -1 with errno. */
    private static final MethodHandle POSIX_FADVISE = present(Libc.FileCalls.POSIX_FADVISE, "posix_fadvise");
    private static final MethodHandle CLOSE = present(Libc.FileCalls.CLOSE, "close");

    private static final boolean AARCH64 = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)
        .contains("aarch64");
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_DIRECT = AARCH64 ? 0x10000 : 0x4000;
    public static final int EINVAL = 22;
    public static final int EINTR = 4;
    private static final int SYNC_FILE_RANGE_WAIT_ALL_WRITE = 1 | 2 | 4;
    private static final int POSIX_FADV_RANDOM = 1;
    private static final int POSIX_FADV_DONTNEED = 4;

    private final MemorySegment callState;

    public FileIo(final Arena arena) {
        this.callState = arena.allocate(Libc.CALL_STATE);
    }

    /** {@code handle}; a libc without the function cannot run this store. */
    private static MethodHandle present(final MethodHandle handle, final String name) {
        if (handle == null) {
            throw new UnsatisfiedLinkError("libc has no " + name + "; this store needs Linux");
        }
        return handle;
    }

    private int errno() {
        return (int) ERRNO.get(callState, 0L);
    }

    /**
     * Opens (creating) {@code path} for reading and writing.
     *
     * @return the descriptor, or {@code -EINVAL} when {@code direct} was asked and the file system refuses it
     */
    public int open(final String path, final boolean direct) throws IOException {
        final int flags = O_RDWR | O_CREAT | O_CLOEXEC | (direct ? O_DIRECT : 0);
        try (Arena temporary = Arena.ofConfined()) {
            final MemorySegment cPath = temporary.allocateFrom(path);
            final int fd = (int) OPEN.invokeExact(callState, cPath, flags, 0644);
            if (fd >= 0) {
                if (!direct) {
                    // Buffered: readahead would cache pages nobody asked for, beyond the ranges we drop.
                    final int advice = (int) POSIX_FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_RANDOM);
                    if (advice != 0) {
                        throw new IOException(path + ": posix_fadvise(RANDOM) failed, error " + advice);
                    }
                }
                return fd;
            }
            final int errno = errno();
            if (direct && errno == EINVAL) {
                return -EINVAL;
            }
            throw new IOException(path + ": open failed, errno " + errno);
        } catch (final IOException | RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw new IOException(path + ": open failed: " + t, t);
        }
    }

    /** Reads exactly {@code length} bytes at {@code position}, or fewer only at the end of the file. */
    public long pread(final int fd, final MemorySegment buffer, final long length, final long position) throws IOException {
        long done = 0;
        while (done < length) {
            final long n;
            try {
                // A local, not a conditional in the call: invokeExact needs the argument's static type exact.
                final MemorySegment rest = done == 0 ? buffer : buffer.asSlice(done);
                n = (long) PREAD.invokeExact(callState, fd, rest, length - done, position + done);
            } catch (final Throwable t) {
                throw new IOException("pread failed: " + t, t);
            }
            if (n < 0) {
                if (errno() == EINTR) {
                    continue;
                }
                throw new IOException("pread of " + length + " bytes at " + position + " on fd " + fd
                    + " failed, errno " + errno());
            }
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Writes all {@code length} bytes at {@code position}. */
    public void pwrite(final int fd, final MemorySegment buffer, final long length, final long position)
        throws IOException {
        long done = 0;
        while (done < length) {
            final long n;
            try {
                // A local, not a conditional in the call: invokeExact needs the argument's static type exact.
                final MemorySegment rest = done == 0 ? buffer : buffer.asSlice(done);
                n = (long) PWRITE.invokeExact(callState, fd, rest, length - done, position + done);
            } catch (final Throwable t) {
                throw new IOException("pwrite failed: " + t, t);
            }
            if (n < 0) {
                if (errno() == EINTR) {
                    continue;
                }
                throw new IOException("pwrite of " + length + " bytes at " + position + " on fd " + fd
                    + " failed, errno " + errno());
            }
            done += n;
        }
    }

    public void datasync(final int fd) throws IOException {
        final int rc;
        try {
            rc = (int) FDATASYNC.invokeExact(callState, fd);
        } catch (final Throwable t) {
            throw new IOException("fdatasync failed: " + t, t);
        }
        if (rc != 0) {
            throw new IOException("fdatasync of fd " + fd + " failed, errno " + errno());
        }
    }

    /**
     * The buffered fallback's half of the budget discipline (paper, appendix A, V.1): write back the range and wait
     * for it, then tell the kernel to drop its pages. Dirty pages cannot be dropped, hence the write-back first.
     */
    public void dropFromPageCache(final int fd, final long position, final long length) throws IOException {
        final int rc;
        final int advice;
        try {
            rc = (int) SYNC_FILE_RANGE.invokeExact(callState, fd, position, length, SYNC_FILE_RANGE_WAIT_ALL_WRITE);
            advice = (int) POSIX_FADVISE.invokeExact(fd, position, length, POSIX_FADV_DONTNEED);
        } catch (final Throwable t) {
            throw new IOException("sync_file_range/posix_fadvise failed: " + t, t);
        }
        if (rc != 0 || advice != 0) {
            throw new IOException("dropping pages of fd " + fd + " failed: sync_file_range errno "
                + (rc != 0 ? errno() : 0) + ", posix_fadvise error " + advice);
        }
    }

    public void close(final int fd) throws IOException {
        final int rc;
        try {
            rc = (int) CLOSE.invokeExact(callState, fd);
        } catch (final Throwable t) {
            throw new IOException("close failed: " + t, t);
        }
        if (rc != 0 && errno() != EINTR) {
            throw new IOException("close of fd " + fd + " failed, errno " + errno());
        }
    }
}
