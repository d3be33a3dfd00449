package io.jitskit.observe.pagecache;

import io.jitskit.observe.os.Libc;
import io.jitskit.observe.os.Linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the bytes of files resident in the page cache, mapped by some process or not.
 *
 * <p>Each file is opened read-only and mapped read-only in chunks of at most {@link #DEFAULT_CHUNK_BYTES} (so a
 * 100 GiB file needs neither 100 GiB of address space nor a 25 MiB vector); {@code mincore(2)} fills one byte per
 * page of the chunk, whose bit 0 says whether the page is in memory; the chunk is unmapped. The mapping is never
 * dereferenced: the kernel answers from the page-cache tree alone, so the scan reads nothing from disk, faults
 * nothing in and leaves the scanner's own resident set unchanged.
 *
 * <h2>Cost</h2>
 * On Linux 6.5 and later {@code cachestat(2)} answers instead, per file: {@code open}, the call, {@code close}; it
 * walks the page-cache tree per folio and skips holes, so neither a large file nor a sparse one (LMDB's map) costs
 * much. Without it, per file: {@code open}, {@code fstat}, {@code mmap}, {@code mincore}, {@code munmap},
 * {@code close}, and per page one lookup inside {@code mincore}: measured on the project's 2-core VM, 5 to 6 ms per
 * fully resident GiB, 2 ms per GiB not resident ({@code PageCacheResidencyTest} prints the figure for 256 MiB and
 * checks a generous bound). The cost lands in the sampling process, not the store's, but on a machine this small it
 * still takes CPU from the store: {@code BudgetWatcher} stretches its period when a sample gets expensive.
 *
 * <p>Not thread-safe: an instance owns one reusable {@code mincore} vector. Give each sampling thread its own.
 */
public final class PageCacheResidency {

    /** Largest mapping made at once: 1 GiB, 256 KiB of {@code mincore} vector with 4 KiB pages. */
    public static final long DEFAULT_CHUNK_BYTES = 1L << 30;

    /** One bit 0 per byte of a vector word: the resident flags of eight pages. */
    private static final long RESIDENT_BITS = 0x0101_0101_0101_0101L;

    private final int pageSize;
    private final long chunkBytes;
    private final MemorySegment vector;
    /** Cleared for good once the kernel answers that it has no cachestat; mincore does the counting then. */
    private boolean cachestat;

    /** A scanner mapping at most {@link #DEFAULT_CHUNK_BYTES} at once. */
    public PageCacheResidency() {
        this(DEFAULT_CHUNK_BYTES);
    }

    /**
     * A scanner mapping at most {@code chunkBytes} at once.
     *
     * @param chunkBytes a positive multiple of the page size
     */
    public PageCacheResidency(final long chunkBytes) {
        this(chunkBytes, true);
    }

    /**
     * A scanner mapping at most {@code chunkBytes} at once; {@code cachestat} false makes it count with
     * {@code mincore} alone, as on kernels before 6.5 (tests compare the two).
     */
    PageCacheResidency(final long chunkBytes, final boolean cachestat) {
        Linux.requireLinux("page-cache residency");
        this.cachestat = cachestat;
        this.pageSize = Linux.pageSize();
        if (chunkBytes <= 0 || chunkBytes % pageSize != 0) {
            throw new IllegalArgumentException("chunk of " + chunkBytes + " bytes: must be a positive multiple of the"
                + " page size " + pageSize);
        }
        this.chunkBytes = chunkBytes;
        // An automatic arena: the vector lives as long as this scanner and may be used from any one thread at a time.
        this.vector = Arena.ofAuto().allocate(chunkBytes / pageSize, Long.BYTES);
    }

    /**
     * Residency of every regular file under a directory, recursively. Symbolic links are not followed. A directory
     * that does not exist (a store that has not written yet) holds nothing.
     *
     * @throws IOException when a file or directory exists but cannot be read, naming it
     */
    public Residency ofDirectory(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Residency.NONE;
        }
        final DirectoryScan scan = new DirectoryScan();
        Files.walkFileTree(directory, scan);
        return new Residency(scan.files, scan.fileBytes, scan.residentBytes, scan.vanished);
    }

    /**
     * Resident bytes of one file: 0 when it does not exist (any more) or is empty.
     *
     * @throws IOException when the file exists but cannot be opened or mapped, naming it
     */
    public long residentBytes(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return residentBytes(channel, file, file);
        } catch (final NoSuchFileException vanished) {
            return 0;
        }
    }

    /**
     * Residency of the regular files a process holds open whose names are deleted ({@code /proc/<pid>/fd} links
     * ending in {@code " (deleted)"}). A directory walk cannot see them, yet their pages stay cached as long as the
     * descriptor lives: without this, creating a file, unlinking it and using it through its descriptor would hide
     * it from the budget. Each file is reopened through its {@code /proc} link (same user or root) and counted once,
     * however many descriptors refer to it. Memfd files are left out: they are shared memory and, once mapped, are
     * already in the process's {@code RssShmem}.
     *
     * @throws IOException when {@code /proc/<pid>/fd} cannot be read (another user's process), naming it
     */
    public Residency ofUnlinkedOpenFiles(final long pid) throws IOException {
        final Path descriptors = Path.of("/proc", Long.toString(pid), "fd");
        final Set<Object> seen = new HashSet<>();
        int files = 0;
        long fileBytes = 0;
        long residentBytes = 0;
        int vanished = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(descriptors)) {
            for (final Path descriptor : entries) {
                try {
                    final String target = Files.readSymbolicLink(descriptor).toString();
                    if (!target.endsWith(" (deleted)") || target.startsWith("/memfd:")) {
                        continue;
                    }
                    final BasicFileAttributes attributes = Files.readAttributes(descriptor, BasicFileAttributes.class);
                    if (!attributes.isRegularFile() || !seen.add(attributes.fileKey())) {
                        continue;
                    }
                    try (FileChannel channel = FileChannel.open(descriptor, StandardOpenOption.READ)) {
                        fileBytes += channel.size();
                        residentBytes += residentBytes(channel, descriptor, Path.of(target));
                        files++;
                    }
                } catch (final NoSuchFileException closed) {
                    // The descriptor was closed between listing and reading.
                    vanished++;
                }
            }
        }
        return new Residency(files, fileBytes, residentBytes, vanished);
    }

    /**
     * Asks the kernel to drop a file's pages from the page cache: writes back dirty pages ({@code fdatasync}), then
     * {@code posix_fadvise(POSIX_FADV_DONTNEED)}. Pages mapped or locked by a process stay, and a tmpfs file keeps
     * all of them (its page cache is its only copy); measure afterwards rather than assume. For tests and for
     * starting a run with a cold cache.
     *
     * @throws IOException when the file cannot be synced or the advice is refused, naming the file
     */
    public static void evict(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // fdatasync is allowed on a read-only descriptor: DONTNEED only drops clean pages.
            channel.force(false);
        }
        Libc.dropFromPageCache(file);
    }

    /**
     * Resident bytes of an open file: by cachestat when the kernel has it, else by mapping and mincore.
     *
     * @param openable a path that opens the same file ({@code /proc/<pid>/fd/N} for a deleted one)
     * @param file     the file's name, for messages
     */
    private long residentBytes(final FileChannel channel, final Path openable, final Path file) throws IOException {
        if (cachestat) {
            final long pages = Libc.cachedPages(openable);
            if (pages >= 0) {
                return pages * pageSize;
            }
            cachestat = false;
        }
        long residentPages = 0;
        for (long offset = 0; ; offset += chunkBytes) {
            // Sized afresh for each chunk: a growing file is counted up to where it has grown, a shrinking one
            // stops early instead of asking for a read-only mapping past its end (which FileChannel refuses).
            final long length = Math.min(chunkBytes, channel.size() - offset);
            if (length <= 0) {
                break;
            }
            try (Arena mapping = Arena.ofConfined()) {
                final MemorySegment chunk;
                try {
                    chunk = channel.map(FileChannel.MapMode.READ_ONLY, offset, length, mapping);
                } catch (final IOException shrunk) {
                    if (channel.size() < offset + length) {
                        break;
                    }
                    throw new IOException(file + ": cannot map " + length + " bytes at " + offset + " to count its"
                        + " resident pages: " + shrunk.getMessage(), shrunk);
                }
                Libc.mincore(chunk, vector, file);
                residentPages += residentPages(Math.ceilDiv(length, pageSize));
            }
            // Closing the arena unmapped the chunk: at most one chunk of address space is held at a time.
        }
        return residentPages * pageSize;
    }

    /** Pages whose vector byte has bit 0 set, eight bytes at a time. */
    private long residentPages(final long pages) {
        long resident = 0;
        long at = 0;
        for (; at + Long.BYTES <= pages; at += Long.BYTES) {
            resident += Long.bitCount(vector.get(ValueLayout.JAVA_LONG, at) & RESIDENT_BITS);
        }
        for (; at < pages; at++) {
            resident += vector.get(ValueLayout.JAVA_BYTE, at) & 1;
        }
        return resident;
    }

    /** Accumulates a directory walk; vanished entries are counted and skipped, other failures end the walk. */
    private final class DirectoryScan extends SimpleFileVisitor<Path> {
        int files;
        long fileBytes;
        long residentBytes;
        int vanished;

        @Override
        public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException {
            if (!attributes.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                fileBytes += channel.size();
                residentBytes += PageCacheResidency.this.residentBytes(channel, file, file);
                files++;
            } catch (final NoSuchFileException gone) {
                vanished++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(final Path file, final IOException failure) throws IOException {
            if (failure instanceof NoSuchFileException) {
                vanished++;
                return FileVisitResult.CONTINUE;
            }
            throw failure;
        }

        @Override
        public FileVisitResult postVisitDirectory(final Path directory, final IOException failure) throws IOException {
            if (failure != null && !(failure instanceof NoSuchFileException)) {
                throw failure;
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
