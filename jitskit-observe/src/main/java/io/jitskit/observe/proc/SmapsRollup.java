package io.jitskit.observe.proc;

/**
 * Page-exact memory of one process, from {@code /proc/<pid>/smaps_rollup}, in bytes.
 *
 * <p>The kernel builds this file by walking every mapping's page tables under the process's mmap lock: about a
 * millisecond per GiB resident, during which the process cannot fault in new mappings. Read it at the end of a phase
 * or to cross-check {@link ProcessMemory}, not in a tight sampling loop.
 *
 * @param pid            the process
 * @param rssBytes       resident set ({@code Rss})
 * @param pssBytes       proportional set ({@code Pss}): each shared page divided among the processes mapping it
 * @param pssAnonBytes   anonymous part of {@code Pss}
 * @param pssFileBytes   file-backed part of {@code Pss}
 * @param pssShmemBytes  shared-memory part of {@code Pss}
 * @param anonymousBytes resident anonymous pages, counted exactly ({@code Anonymous})
 * @param swapBytes      swapped-out pages of the process's mappings ({@code Swap})
 * @param anonHugeBytes  anonymous memory backed by transparent huge pages ({@code AnonHugePages}): a store that
 *                       asked for huge pages gets them only where the kernel found free 2-MiB frames, so the same
 *                       store can run with a different TLB reach from one run to the next
 */
public record SmapsRollup(
    long pid,
    long rssBytes,
    long pssBytes,
    long pssAnonBytes,
    long pssFileBytes,
    long pssShmemBytes,
    long anonymousBytes,
    long swapBytes,
    long anonHugeBytes) {

    /**
     * Reads {@code /proc/<pid>/smaps_rollup} (Linux 4.14+; the {@code Pss_*} split needs 5.8+ and reads -1 before).
     *
     * @throws ProcessGoneException when the process has exited
     */
    public static SmapsRollup of(final long pid) {
        final String rollup = Proc.read(pid, Proc.file(pid, "smaps_rollup"));
        return new SmapsRollup(pid,
            Proc.field(rollup, "Rss"),
            Proc.field(rollup, "Pss"),
            Proc.field(rollup, "Pss_Anon"),
            Proc.field(rollup, "Pss_File"),
            Proc.field(rollup, "Pss_Shmem"),
            Proc.field(rollup, "Anonymous"),
            Proc.field(rollup, "Swap"),
            Proc.field(rollup, "AnonHugePages"));
    }

    /** {@link #of} for this JVM. */
    public static SmapsRollup ofSelf() {
        return of(Proc.selfPid());
    }
}
