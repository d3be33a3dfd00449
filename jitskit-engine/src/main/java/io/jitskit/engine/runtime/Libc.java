package io.jitskit.engine.runtime;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The libc functions stores call through the FFM linker, bound once. Every binding of a store lives here, so a
 * signature or a flag value is fixed in one place for both engines.
 *
 * <p>A handle is null when libc lacks the symbol: callers that can do without (huge-page advice) fall back, callers
 * that cannot say so in one line ({@link #require}). Linking is a restricted operation: a store runs where native
 * access is granted ({@code --enable-native-access}), as its essay says.
 */
public final class Libc {

    private static final Linker LINKER = Linker.nativeLinker();

    /** What mmap returns on failure: {@code (void *) -1}. */
    public static final MemorySegment MAP_FAILED = MemorySegment.ofAddress(-1L);
    public static final int PROT_READ_WRITE = 0x1 | 0x2;
    public static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    public static final int MADV_HUGEPAGE = 14;

    /** Where a call that captures {@code errno} leaves it: a segment of this layout per calling thread role. */
    public static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

    /**
     * Memory mapping. A holder class of its own: linking a downcall costs milliseconds, so a store binds only the
     * group it uses, when it first uses it (an in-memory store on huge pages never links the file calls).
     */
    public static final class Mapping {

        /** {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)}. */
        public static final MethodHandle MMAP = find("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG));
        /** {@code int madvise(void *addr, size_t length, int advice)}. */
        public static final MethodHandle MADVISE = find("madvise", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        /** {@code int munmap(void *addr, size_t length)}. */
        public static final MethodHandle MUNMAP = find("munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

        private Mapping() {
        }
    }

    /** Positional file I/O; every call but posix_fadvise captures errno into a {@link #CALL_STATE} segment. */
    public static final class FileCalls {

        private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

        /** {@code int open(const char *path, int flags, ...)}: the mode is variadic. */
        public static final MethodHandle OPEN = find("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
        /** {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)}. */
        public static final MethodHandle PREAD = find("pread", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);
        /** {@code ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)}. */
        public static final MethodHandle PWRITE = find("pwrite", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);
        /** {@code int fdatasync(int fd)}. */
        public static final MethodHandle FDATASYNC = find("fdatasync", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT), ERRNO);
        /** {@code int sync_file_range(int fd, off64_t offset, off64_t nbytes, unsigned int flags)}. */
        public static final MethodHandle SYNC_FILE_RANGE = find("sync_file_range",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), ERRNO);
        /** {@code int posix_fadvise(int fd, off_t offset, off_t len, int advice)}: returns the error number itself. */
        public static final MethodHandle POSIX_FADVISE = find("posix_fadvise",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        /** {@code int close(int fd)}. */
        public static final MethodHandle CLOSE = find("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT), ERRNO);

        private FileCalls() {
        }
    }

    private Libc() {
    }

    /** The downcall for {@code name}, or null when libc has no such symbol. */
    @SuppressWarnings("restricted")
    public static MethodHandle find(final String name, final FunctionDescriptor descriptor,
                                    final Linker.Option... options) {
        return LINKER.defaultLookup().find(name).map(symbol -> LINKER.downcallHandle(symbol, descriptor, options))
            .orElse(null);
    }

    /** The downcall for {@code name}; a libc without it cannot run this store. */
    public static MethodHandle require(final String name, final FunctionDescriptor descriptor,
                                       final Linker.Option... options) {
        final MethodHandle handle = find(name, descriptor, options);
        if (handle == null) {
            throw new UnsatisfiedLinkError("libc has no " + name + "; this store needs Linux");
        }
        return handle;
    }
}
