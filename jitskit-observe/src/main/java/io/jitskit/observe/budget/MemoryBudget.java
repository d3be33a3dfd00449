package io.jitskit.observe.budget;

import io.jitskit.observe.os.Linux;
import io.jitskit.observe.pagecache.PageCacheResidency;
import io.jitskit.observe.pagecache.Residency;
import io.jitskit.observe.proc.ProcessGoneException;
import io.jitskit.observe.proc.ProcessMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A store's memory budget and how its process is measured against it (CONTRACTS.md section 4.6: "resident memory of
 * the store's process plus the store's files resident in the page cache stays within the budget").
 *
 * <h2>The formula</h2>
 * <pre>
 *   charged = RssAnon + RssShmem + VmSwap                 of the store's process, /proc/&lt;pid&gt;/status
 *           + resident(files under the store directory)   mincore, mapped or not
 *           + resident(deleted files the process holds open)
 *           - shmemStoreMapped                             store files on tmpfs that the process maps
 * </pre>
 * <ul>
 *   <li><b>RssAnon</b> is everything the store allocates: Java heap actually touched, direct buffers,
 *       {@code Arena} memory, malloc, thread stacks, plus the JVM's own metaspace and code cache. The JVM's share
 *       is a few tens of MiB and the same for every store, which is why cards leave headroom.</li>
 *   <li><b>RssShmem</b> is shared memory the process maps: {@code MAP_SHARED|MAP_ANONYMOUS}, memfd, files in
 *       {@code /dev/shm}. A store can hold data there, so it is charged.</li>
 *   <li><b>VmSwap</b> is charged so that paging anonymous memory out (say with {@code MADV_PAGEOUT}) is not a way
 *       around the budget; on a machine without swap it is 0.</li>
 *   <li><b>RssFile is not charged.</b> It holds two things. One is the JDK's jars, {@code libjvm.so}, the CDS
 *       archive and other libraries: the same few tens of MiB for every store, owed to the harness's choice of
 *       runtime, not to the store's design. The other is the store's own files when it maps them; those pages are
 *       already counted by their page-cache residency, which sees them whether mapped or read through
 *       {@code read(2)}. Charging RssFile too would count an mmapped store twice and penalise mapping against
 *       reading, for the same memory.</li>
 *   <li><b>Page-cache residency of the store's files</b> is charged whether the process maps them or not: a store
 *       that writes a large file and reads it back through the cache uses that memory as surely as one that keeps
 *       it on the heap. Files are the regular files under the store directory, recursively, and the deleted files
 *       the process still holds open (so that create-unlink-use does not hide a file).</li>
 *   <li><b>tmpfs</b>: the page cache of a tmpfs file is shared memory, so a store on tmpfs that maps its files would
 *       be counted in RssShmem and in residency. Such mappings, found in {@code /proc/<pid>/maps} and sized from
 *       {@code smaps} (their resident pages less copied-on-write anonymous ones), are subtracted once.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * The budget is sampled (CONTRACTS.md asks for that): a spike shorter than the period can pass unseen; the sample
 * reports {@code VmHWM} so that a reader sees one in the process's resident set. Pages that the store leaves in the
 * cache for files outside its directory, or for deleted files it has closed, are not seen; nor is a deleted file the
 * store maps after closing its descriptor (its pages are in RssFile, not charged). A cgroup-v2 memory controller
 * would charge all of those, but needs a delegated cgroup the harness cannot count on. Hard links to a store file
 * from elsewhere are counted once per name under the directory.
 *
 * <p>Not thread-safe: one instance per sampling thread (it owns a {@link PageCacheResidency}).
 */
public final class MemoryBudget {

    private final long budgetBytes;
    private final long pid;
    private final Path storeDirectory;
    private final PageCacheResidency pageCache;
    private final ShmemStoreMappings shmemMappings;

    /**
     * A budget for one process and its store directory.
     *
     * @param budgetBytes    the card's memory budget
     * @param pid            the process running the store
     * @param storeDirectory the store's files, or {@code null} when the store keeps none (then only the process's
     *                       memory and its deleted open files are charged)
     */
    public MemoryBudget(final long budgetBytes, final long pid, final Path storeDirectory) {
        Linux.requireLinux("the memory budget");
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("memory budget of " + budgetBytes + " bytes: must be positive");
        }
        this.budgetBytes = budgetBytes;
        this.pid = pid;
        this.storeDirectory = storeDirectory == null ? null : storeDirectory.toAbsolutePath().normalize();
        this.pageCache = new PageCacheResidency();
        this.shmemMappings = this.storeDirectory == null ? null : new ShmemStoreMappings(pid, this.storeDirectory);
    }

    /** The budget in bytes. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** The process measured. */
    public long pid() {
        return pid;
    }

    /** The store directory, absolute, or {@code null} when the store keeps no files. */
    public Path storeDirectory() {
        return storeDirectory;
    }

    /** Whether the sample is over the budget. */
    public boolean isExceededBy(final BudgetSample sample) {
        return sample.chargedBytes() > budgetBytes;
    }

    /**
     * Measures the process and its files now. Costs two {@code /proc} reads, a walk of the store directory with one
     * {@code mincore} per GiB of file, and, only for a store on tmpfs that maps its files, one {@code smaps} read.
     *
     * @param elapsedNanos the sample's time, on the caller's clock
     * @throws ProcessGoneException when the process has exited
     * @throws IOException          when a store file or a {@code /proc} file cannot be read, naming it
     */
    public BudgetSample sample(final long elapsedNanos) throws IOException {
        final ProcessMemory memory = ProcessMemory.of(pid);
        final Residency store = storeDirectory == null ? Residency.NONE : pageCache.ofDirectory(storeDirectory);
        final Residency unlinked = unlinkedOpenFiles();
        final long shmemStoreMapped = shmemMappings == null || !Files.isDirectory(storeDirectory)
            ? 0 : shmemMappings.residentBytes();
        return new BudgetSample(elapsedNanos, memory.rssAnonBytes(), memory.rssShmemBytes(), memory.vmSwapBytes(),
            store.residentBytes(), unlinked.residentBytes(), shmemStoreMapped, memory.rssFileBytes(),
            memory.vmRssBytes(), memory.vmHwmBytes(), store.fileBytes(), store.files());
    }

    private Residency unlinkedOpenFiles() throws IOException {
        try {
            return pageCache.ofUnlinkedOpenFiles(pid);
        } catch (final NoSuchFileException gone) {
            throw new ProcessGoneException(pid, gone.getFile());
        }
    }
}
