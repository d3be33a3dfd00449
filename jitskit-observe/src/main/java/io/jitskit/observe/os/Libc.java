package io.jitskit.observe.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The libc functions the instruments call, through the FFM API.
 *
 * <p>Linux only ({@link Linux#requireLinux}); the bindings resolve on first use. None of these calls is on a store's
 * hot path, so each failing call may allocate (a confined arena for the captured {@code errno}, the message).
 */
public final class Libc {

    /** {@code _SC_CLK_TCK} in glibc and musl. */
    static final int SC_CLK_TCK = 2;

    /** {@code _SC_PAGESIZE} in glibc and musl. */
    static final int SC_PAGESIZE = 30;

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int POSIX_FADV_DONTNEED = 4;
    /** {@code __NR_cachestat}: 451 in the table every architecture shares for calls added since Linux 5.1. */
    private static final long SYS_CACHESTAT = 451;
    private static final int ENOENT = 2;
    private static final int ENOSYS = 38;
    private static final int EOPNOTSUPP = 95;
    /** struct cachestat_range { __u64 off, len; }: len 0 means to the end of the file. */
    private static final long CACHESTAT_RANGE_BYTES = 16;
    /** struct cachestat { __u64 nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted; }. */
    private static final long CACHESTAT_BYTES = 40;

    private Libc() {
    }

    /** {@code sysconf(3)}: a system constant, or -1 when the name is unknown. */
    public static long sysconf(final int name) {
        Linux.requireLinux("sysconf(3)");
        try {
            return (long) Bindings.SYSCONF.invokeExact(name);
        } catch (final Throwable t) {
            throw rethrow("sysconf", t);
        }
    }

    /**
     * {@code mincore(2)} over a whole mapping: byte {@code i} of {@code vector} gets bit 0 set when page {@code i} of
     * the mapping is resident in memory. The kernel only looks up the page cache: no page of the mapping is touched,
     * so nothing is read from disk and nothing is faulted in.
     *
     * @param mapping a page-aligned mapping (any mapped {@link MemorySegment} is)
     * @param vector  at least {@code ceil(mapping.byteSize() / pageSize)} bytes of native memory
     * @param file    the mapped file, for the error message
     * @throws IOException when the kernel refuses, naming the file and the error
     */
    public static void mincore(final MemorySegment mapping, final MemorySegment vector, final Path file)
        throws IOException {
        Linux.requireLinux("mincore(2)");
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment state = call.allocate(Bindings.CAPTURE_LAYOUT);
            final int rc = (int) Bindings.MINCORE.invokeExact(state, mapping, mapping.byteSize(), vector);
            if (rc != 0) {
                throw new IOException(file + ": mincore failed: " + errorText(state));
            }
        } catch (final IOException | RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw rethrow("mincore", t);
        }
    }

    /**
     * {@code cachestat(2)} (Linux 6.5+) over a whole file: how many of its pages are in the page cache, dirty and
     * under writeback included. Unlike {@code mincore} it needs no mapping and walks the cache per folio, skipping
     * holes, so a large or sparse file costs little.
     *
     * @param file the file to open read-only (a {@code /proc/<pid>/fd} link works too)
     * @return cached pages; 0 when the file no longer exists; -1 when the kernel has no cachestat or refuses it for
     *         this file system (callers then fall back to {@code mincore})
     * @throws IOException when the file exists but cannot be opened or measured, naming it
     */
    public static long cachedPages(final Path file) throws IOException {
        Linux.requireLinux("cachestat(2)");
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment state = call.allocate(Bindings.CAPTURE_LAYOUT);
            final MemorySegment cPath = call.allocateFrom(file.toString());
            final int fd = (int) Bindings.OPEN.invokeExact(state, cPath, O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                if ((int) Bindings.ERRNO.get(state, 0L) == ENOENT) {
                    return 0;
                }
                throw new IOException(file + ": open failed: " + errorText(state));
            }
            try {
                final MemorySegment range = call.allocate(CACHESTAT_RANGE_BYTES, Long.BYTES); // zeroed: whole file
                final MemorySegment stat = call.allocate(CACHESTAT_BYTES, Long.BYTES);
                final long rc = (long) Bindings.SYSCALL4.invokeExact(state, SYS_CACHESTAT, (long) fd, range, stat, 0L);
                if (rc != 0) {
                    final int errno = (int) Bindings.ERRNO.get(state, 0L);
                    if (errno == ENOSYS || errno == EOPNOTSUPP) {
                        return -1;
                    }
                    throw new IOException(file + ": cachestat failed: " + strerror(errno));
                }
                return stat.get(ValueLayout.JAVA_LONG, 0);
            } finally {
                final int closed = (int) Bindings.CLOSE.invokeExact(state, fd);
                assert closed == 0 : "close of a read-only descriptor cannot lose data";
            }
        } catch (final IOException | RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw rethrow("cachestat", t);
        }
    }

    /**
     * Asks the kernel to drop a file's clean pages from the page cache ({@code posix_fadvise(POSIX_FADV_DONTNEED)}
     * over the whole file). Dirty pages stay until written back, so sync the file first. The kernel may keep pages
     * that are mapped or locked, and tmpfs keeps everything (its page cache is the file): callers check residency
     * afterwards rather than assume.
     *
     * @throws IOException when the file cannot be opened or the advice is refused, naming the file and the error
     */
    public static void dropFromPageCache(final Path file) throws IOException {
        Linux.requireLinux("posix_fadvise(2)");
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment state = call.allocate(Bindings.CAPTURE_LAYOUT);
            final MemorySegment cPath = call.allocateFrom(file.toString());
            final int fd = (int) Bindings.OPEN.invokeExact(state, cPath, O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException(file + ": open failed: " + errorText(state));
            }
            try {
                // posix_fadvise returns the error number instead of setting errno.
                final int rc = (int) Bindings.POSIX_FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
                if (rc != 0) {
                    throw new IOException(file + ": posix_fadvise(DONTNEED) failed: " + strerror(rc));
                }
            } finally {
                final int closed = (int) Bindings.CLOSE.invokeExact(state, fd);
                assert closed == 0 : "close of a read-only descriptor cannot lose data";
            }
        } catch (final IOException | RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw rethrow("posix_fadvise", t);
        }
    }

    private static String errorText(final MemorySegment capturedState) {
        return strerror((int) Bindings.ERRNO.get(capturedState, 0L));
    }

    // Restricted: the segment strerror returns has no size; the C string is read up to its NUL and no further.
    @SuppressWarnings("restricted")
    private static String strerror(final int errno) {
        try {
            final MemorySegment text = (MemorySegment) Bindings.STRERROR.invokeExact(errno);
            // strerror returns a NUL-terminated string of unknown length: widen the zero-length segment to read it.
            return text.reinterpret(Integer.MAX_VALUE).getString(0) + " (errno " + errno + ")";
        } catch (final Throwable t) {
            return "errno " + errno;
        }
    }

    private static IllegalStateException rethrow(final String call, final Throwable t) {
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("libc " + call + " downcall failed", t);
    }

    /** Resolved on first use, so that loading {@link Libc} on another OS never looks up a symbol. */
    private static final class Bindings {
        static final Linker LINKER = Linker.nativeLinker();
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static final MethodHandle SYSCONF = downcall("sysconf",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        static final MethodHandle MINCORE = downcall("mincore",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            CAPTURE_ERRNO);
        // open(2) is variadic: the mode is its first variadic argument, passed (and ignored) as an int.
        static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
        static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
        static final MethodHandle POSIX_FADVISE = downcall("posix_fadvise",
            FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        // syscall(2) is variadic after the number; every argument is passed as a 64-bit word.
        static final MethodHandle SYSCALL4 = downcall("syscall",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
        static final MethodHandle STRERROR = downcall("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

        // Restricted: each descriptor above is checked against the function's prototype in its man page.
        @SuppressWarnings("restricted")
        private static MethodHandle downcall(final String name, final FunctionDescriptor descriptor,
                                             final Linker.Option... options) {
            final MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name + "; jitskit-observe needs glibc or musl"));
            return LINKER.downcallHandle(symbol, descriptor, options);
        }
    }
}
