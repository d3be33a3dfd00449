package io.jitskit.observe.budget;

import java.util.Locale;

/**
 * One measurement of what a store's process is charged against its memory budget, in bytes; see
 * {@link MemoryBudget} for the formula and why each term is in or out.
 *
 * @param elapsedNanos           when, since the watcher (or the caller) started its clock
 * @param rssAnonBytes           resident anonymous memory of the process: charged
 * @param rssShmemBytes          resident shared memory mapped by the process: charged, less
 *                               {@code shmemStoreMappedBytes}
 * @param vmSwapBytes            memory of the process swapped out: charged
 * @param storePageCacheBytes    resident pages of the files under the store's directory, mapped or not: charged
 * @param unlinkedPageCacheBytes resident pages of deleted files the process still holds open: charged
 * @param shmemStoreMappedBytes  pages of store files on tmpfs that the process maps: in both {@code RssShmem} and
 *                               {@code storePageCacheBytes}, so subtracted once
 * @param rssFileBytes           resident file pages mapped by the process (JDK jars and libraries, mapped store
 *                               files on a disk file system): reported, not charged
 * @param vmRssBytes             the process's whole resident set: reported
 * @param vmHwmBytes             the process's peak resident set so far: reported, to show spikes between samples
 * @param storeFileBytes         total size of the store's files
 * @param storeFiles             number of the store's files
 */
public record BudgetSample(
    long elapsedNanos,
    long rssAnonBytes,
    long rssShmemBytes,
    long vmSwapBytes,
    long storePageCacheBytes,
    long unlinkedPageCacheBytes,
    long shmemStoreMappedBytes,
    long rssFileBytes,
    long vmRssBytes,
    long vmHwmBytes,
    long storeFileBytes,
    int storeFiles) {

    /** Column names of {@link #toCsvRow()}, in order. */
    public static final String CSV_HEADER = "elapsed_ms,charged_bytes,rss_anon_bytes,rss_shmem_bytes,vm_swap_bytes,"
        + "store_page_cache_bytes,unlinked_page_cache_bytes,shmem_store_mapped_bytes,rss_file_bytes,vm_rss_bytes,"
        + "vm_hwm_bytes,store_file_bytes,store_files";

    private static final double MIB = 1024.0 * 1024.0;

    /** The bytes charged against the budget: the formula of {@link MemoryBudget}. */
    public long chargedBytes() {
        return rssAnonBytes + (rssShmemBytes - shmemStoreMappedBytes) + vmSwapBytes
            + storePageCacheBytes + unlinkedPageCacheBytes;
    }

    /** Process memory charged: anonymous, shared and swapped, without the page cache of files. */
    public long processChargedBytes() {
        return rssAnonBytes + (rssShmemBytes - shmemStoreMappedBytes) + vmSwapBytes;
    }

    /** Page cache charged: the store's files and the deleted files the process holds open. */
    public long pageCacheChargedBytes() {
        return storePageCacheBytes + unlinkedPageCacheBytes;
    }

    /** The sample as a CSV row under {@link #CSV_HEADER}, without a line terminator. */
    public String toCsvRow() {
        return String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d",
            elapsedNanos / 1e6, chargedBytes(), rssAnonBytes, rssShmemBytes, vmSwapBytes, storePageCacheBytes,
            unlinkedPageCacheBytes, shmemStoreMappedBytes, rssFileBytes, vmRssBytes, vmHwmBytes, storeFileBytes,
            storeFiles);
    }

    /** The charged figure and its breakdown in MiB, for messages. */
    public String describe() {
        return String.format(Locale.ROOT,
            "charged %.1f MiB at +%.2f s (anonymous %.1f, shared %.1f, swapped %.1f, page cache of %d store files"
                + " %.1f of %.1f, of deleted open files %.1f; not charged: mapped files %.1f; peak RSS %.1f)",
            chargedBytes() / MIB, elapsedNanos / 1e9, rssAnonBytes / MIB,
            (rssShmemBytes - shmemStoreMappedBytes) / MIB, vmSwapBytes / MIB, storeFiles, storePageCacheBytes / MIB,
            storeFileBytes / MIB, unlinkedPageCacheBytes / MIB, rssFileBytes / MIB, vmHwmBytes / MIB);
    }
}
