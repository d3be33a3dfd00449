package io.jitskit.observe.proc;

/**
 * Resident memory of one process, from {@code /proc/<pid>/status}, in bytes.
 *
 * <p>{@code VmRSS = RssAnon + RssFile + RssShmem}: anonymous pages (Java heap, direct buffers, malloc, thread
 * stacks, code cache, metaspace), file pages mapped into the process (the JDK's jars, {@code libjvm.so}, the CDS
 * archive, and any file the process maps), and shared-memory pages it maps (tmpfs and {@code /dev/shm} files, memfd,
 * {@code MAP_SHARED|MAP_ANONYMOUS}). Kernels since 6.16 sum the per-CPU counters exactly when writing this file;
 * older ones may lag each counter by up to 64 pages per CPU, which is noise against a budget of hundreds of MiB.
 * For page-exact figures read {@link SmapsRollup}, which walks the page tables.
 *
 * @param pid          the process
 * @param vmRssBytes   resident set ({@code VmRSS})
 * @param vmHwmBytes   peak resident set since the process started ({@code VmHWM}); catches a spike that falls
 *                     between two samples, but does not say which kind of page it was
 * @param rssAnonBytes resident anonymous pages ({@code RssAnon})
 * @param rssFileBytes resident file-backed pages mapped by the process ({@code RssFile})
 * @param rssShmemBytes resident shared-memory pages mapped by the process ({@code RssShmem})
 * @param vmSwapBytes  anonymous and shared-memory pages swapped out ({@code VmSwap}; 0 without swap)
 */
public record ProcessMemory(
    long pid,
    long vmRssBytes,
    long vmHwmBytes,
    long rssAnonBytes,
    long rssFileBytes,
    long rssShmemBytes,
    long vmSwapBytes) {

    /**
     * Reads {@code /proc/<pid>/status}: a few microseconds, no page-table walk, so fit for sampling every few
     * milliseconds.
     *
     * @throws ProcessGoneException when the process has exited (or is a zombie awaiting its parent)
     * @throws IllegalStateException on a kernel older than 4.5, which lacks the {@code Rss*} breakdown
     */
    public static ProcessMemory of(final long pid) {
        final String status = Proc.read(pid, Proc.file(pid, "status"));
        final long anon = Proc.field(status, "RssAnon");
        if (anon < 0 && Proc.field(status, "VmRSS") < 0) {
            // A zombie (exited, not yet reaped) keeps its /proc entry but no memory at all.
            throw new ProcessGoneException(pid, Proc.file(pid, "status") + " without memory lines");
        }
        if (anon < 0) {
            throw new IllegalStateException(Proc.file(pid, "status") + " has no RssAnon line: the memory budget needs"
                + " Linux 4.5 or later (this is " + System.getProperty("os.version") + ")");
        }
        return new ProcessMemory(pid,
            Proc.field(status, "VmRSS"),
            Proc.field(status, "VmHWM"),
            anon,
            Proc.field(status, "RssFile"),
            Proc.field(status, "RssShmem"),
            Math.max(0, Proc.field(status, "VmSwap")));
    }

    /** {@link #of} for this JVM. */
    public static ProcessMemory ofSelf() {
        return of(Proc.selfPid());
    }
}
