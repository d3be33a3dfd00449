package io.jitskit.observe.budget;

import io.jitskit.observe.proc.Proc;
import io.jitskit.observe.proc.ProcessGoneException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resident shared-memory pages of the store's tmpfs files that the process maps: the one place where
 * {@code RssShmem} and page-cache residency overlap, found so that {@link MemoryBudget} counts them once.
 *
 * <p>Cheap in the common case: the file-system type is looked up once, and on a disk file system nothing is read.
 * On tmpfs, {@code /proc/<pid>/maps} (no page-table walk) says whether any store file is mapped; only then is
 * {@code /proc/<pid>/smaps} read, and for each such mapping its {@code Rss} less its {@code Anonymous} pages (private
 * copies made on write, already in {@code RssAnon}) is the overlap.
 */
final class ShmemStoreMappings {

    private final long pid;
    private final Path storeDirectory;
    private String mappedPathPrefix;
    private boolean onShmem;

    ShmemStoreMappings(final long pid, final Path storeDirectory) {
        this.pid = pid;
        this.storeDirectory = storeDirectory;
    }

    /** Resident shmem pages of mapped store files, in bytes; 0 unless the store directory is on tmpfs. */
    long residentBytes() throws IOException {
        if (mappedPathPrefix == null) {
            // Resolved once the directory exists: the kernel prints mapped paths with symbolic links resolved.
            onShmem = "tmpfs".equals(Files.getFileStore(storeDirectory).type());
            mappedPathPrefix = " " + storeDirectory.toRealPath() + "/";
        }
        if (!onShmem || !read("maps").contains(mappedPathPrefix)) {
            return 0;
        }
        return overlapBytes(read("smaps"), mappedPathPrefix);
    }

    /** Sums {@code Rss - Anonymous} over the mappings of {@code smaps} whose path starts with the prefix. */
    static long overlapBytes(final String smaps, final String mappedPathPrefix) {
        long overlap = 0;
        boolean inStoreMapping = false;
        long rss = 0;
        long anonymous = 0;
        for (final String line : smaps.split("\n")) {
            if (isMappingHeader(line)) {
                overlap += inStoreMapping ? rss - anonymous : 0;
                inStoreMapping = line.contains(mappedPathPrefix);
                rss = 0;
                anonymous = 0;
            } else if (inStoreMapping && line.startsWith("Rss:")) {
                rss = kibibytes(line);
            } else if (inStoreMapping && line.startsWith("Anonymous:")) {
                anonymous = kibibytes(line);
            }
        }
        return overlap + (inStoreMapping ? rss - anonymous : 0);
    }

    /** Mapping headers start with the start address in lower-case hex; field names start with a capital. */
    private static boolean isMappingHeader(final String line) {
        if (line.isEmpty()) {
            return false;
        }
        final char first = line.charAt(0);
        return (first >= '0' && first <= '9') || (first >= 'a' && first <= 'f');
    }

    private static long kibibytes(final String line) {
        final String value = line.substring(line.indexOf(':') + 1).strip();
        return Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024;
    }

    private String read(final String name) throws IOException {
        final Path file = Proc.file(pid, name);
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (final NoSuchFileException gone) {
            throw new ProcessGoneException(pid, file.toString());
        }
    }
}
