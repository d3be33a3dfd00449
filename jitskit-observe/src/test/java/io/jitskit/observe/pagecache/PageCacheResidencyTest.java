package io.jitskit.observe.pagecache;

import io.jitskit.observe.os.Linux;
import io.jitskit.observe.proc.Proc;
import io.jitskit.observe.proc.ProcessMemory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PageCacheResidencyTest {

    private static final int MIB = 1 << 20;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Linux.isLinux(), "mincore(2) is Linux's");
    }

    @Test
    void aFreshlyWrittenFileIsResidentAndEvictionDropsIt(@TempDir final Path directory) throws IOException {
        final Path file = write(directory.resolve("data"), 8 * MIB);
        final PageCacheResidency residency = new PageCacheResidency();
        final long written = residency.residentBytes(file);
        assertTrue(written >= 7L * MIB, "resident after write+fsync: " + written);

        PageCacheResidency.evict(file);
        final long evicted = residency.residentBytes(file);
        assumeTrue(evicted < MIB, "the kernel kept " + evicted + " bytes after POSIX_FADV_DONTNEED");
        // Scanning again and again must not bring the pages back: mincore never touches them.
        for (int i = 0; i < 3; i++) {
            assertEquals(evicted, residency.residentBytes(file), "scan " + i + " faulted pages in");
        }
    }

    @Test
    void emptyAndMissingFilesHoldNothing(@TempDir final Path directory) throws IOException {
        final PageCacheResidency residency = new PageCacheResidency();
        assertEquals(0, residency.residentBytes(Files.createFile(directory.resolve("empty"))));
        assertEquals(0, residency.residentBytes(directory.resolve("never-written")));
        assertEquals(Residency.NONE, residency.ofDirectory(directory.resolve("not-yet-created")));
    }

    @Test
    void aSmallFileCostsAWholePage(@TempDir final Path directory) throws IOException {
        final Path file = write(directory.resolve("tiny"), 100);
        assertEquals(Linux.pageSize(), new PageCacheResidency().residentBytes(file));
    }

    @Test
    void aDirectoryIsScannedRecursively(@TempDir final Path directory) throws IOException {
        write(directory.resolve("a"), 2 * MIB);
        Files.createDirectories(directory.resolve("x/y"));
        write(directory.resolve("x/y/b"), 3 * MIB);
        Files.createSymbolicLink(directory.resolve("link-to-a"), directory.resolve("a"));
        final Residency found = new PageCacheResidency().ofDirectory(directory);
        assertEquals(2, found.files(), found.toString());
        assertEquals(5L * MIB, found.fileBytes(), found.toString());
        assertTrue(found.residentBytes() >= 4L * MIB && found.residentBytes() <= 5L * MIB, found.toString());
    }

    @Test
    void chunkedMappingCountsTheSameAsOneMapping(@TempDir final Path directory) throws IOException {
        // 5 MiB and 3 pages: the last chunk is partial, its vector tail not a multiple of eight pages.
        final Path file = write(directory.resolve("data"), 5 * MIB + 3 * Linux.pageSize());
        final long whole = new PageCacheResidency().residentBytes(file);
        final long chunked = new PageCacheResidency(MIB).residentBytes(file);
        assertEquals(whole, chunked);
        assertTrue(whole > 0);
        assertThrows(IllegalArgumentException.class, () -> new PageCacheResidency(MIB + 1));
    }

    @Test
    void cachestatCountsWhatMincoreCountsOnDenseSparseAndEvictedFiles(@TempDir final Path directory)
        throws IOException {
        final Path dense = write(directory.resolve("dense"), 3 * MIB + 5 * Linux.pageSize());
        // A 64 MiB file with 1 MiB written in the middle: a hole on either side, as in a preallocated map.
        final Path sparse = directory.resolve("sparse");
        try (FileChannel channel = FileChannel.open(sparse, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.position(32 * MIB);
            writeZeros(channel, MIB);
            channel.truncate(64 * MIB);
            channel.position(64 * MIB - 1).write(ByteBuffer.wrap(new byte[] {1}));
        }
        final Path evicted = write(directory.resolve("evicted"), 2 * MIB);
        PageCacheResidency.evict(evicted);
        final PageCacheResidency byMincore = new PageCacheResidency(PageCacheResidency.DEFAULT_CHUNK_BYTES, false);
        final PageCacheResidency byCachestat = new PageCacheResidency();
        for (final Path file : new Path[] {dense, sparse, evicted}) {
            assertEquals(byMincore.residentBytes(file), byCachestat.residentBytes(file), file.getFileName().toString());
        }
        assertEquals(byMincore.ofDirectory(directory).residentBytes(), byCachestat.ofDirectory(directory)
            .residentBytes());
        assertTrue(byCachestat.residentBytes(sparse) <= 2 * MIB, "the holes of a sparse file hold nothing");
    }

    @Test
    void aDeletedFileStillOpenIsFoundThroughItsDescriptor(@TempDir final Path directory) throws IOException {
        final Path file = directory.resolve("hidden");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeZeros(channel, 4 * MIB);
            Files.delete(file);
            final Residency unlinked = new PageCacheResidency().ofUnlinkedOpenFiles(Proc.selfPid());
            assertTrue(unlinked.files() >= 1, unlinked.toString());
            assertTrue(unlinked.residentBytes() >= 4L * MIB, unlinked.toString());
            assertEquals(Residency.NONE, new PageCacheResidency().ofDirectory(directory));
        }
    }

    @Test
    void scanningALargeResidentFileIsCheapAndAddsNothingToTheScannersResidentSet(@TempDir final Path directory)
        throws IOException {
        final long size = 256L * MIB;
        final Path file = write(directory.resolve("large"), size);
        final PageCacheResidency residency = new PageCacheResidency();
        residency.residentBytes(file);
        final long fileRssBefore = ProcessMemory.ofSelf().rssFileBytes();
        long fastest = Long.MAX_VALUE;
        long resident = 0;
        for (int i = 0; i < 5; i++) {
            final long start = System.nanoTime();
            resident = residency.residentBytes(file);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        final long fileRssGrowth = ProcessMemory.ofSelf().rssFileBytes() - fileRssBefore;
        assertTrue(resident >= size / 2, "resident " + resident + " of " + size);
        // 65,536 pages take about a millisecond; 100 ms only fails if something is badly wrong (a page touched
        // per page scanned would take far longer and show in RssFile below).
        assertTrue(fastest < 100_000_000L, "fastest scan of 256 MiB took " + fastest / 1e6 + " ms");
        assertTrue(fileRssGrowth < 16L * MIB, "scanning mapped " + fileRssGrowth / MIB + " MiB into the scanner");
        System.out.printf("page-cache scan of 256 MiB resident: %.2f ms%n", fastest / 1e6);
    }

    static Path write(final Path file, final long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeZeros(channel, bytes);
            channel.force(true);
        }
        return file;
    }

    private static void writeZeros(final FileChannel channel, final long bytes) throws IOException {
        final ByteBuffer chunk = ByteBuffer.allocate(MIB);
        for (long left = bytes; left > 0; ) {
            chunk.clear().limit((int) Math.min(MIB, left));
            left -= channel.write(chunk);
        }
    }
}
