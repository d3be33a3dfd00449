package io.jitskit.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment card: what the machine gives the store.
 *
 * @param memoryBudgetBytes resident memory of the store's process plus its files in the page cache may not exceed
 *                          this
 * @param headroom          fraction of the budget kept free for buffers and page cache (paper section 3.1)
 * @param threads           worker threads, one session each
 * @param storageDir        where the store keeps its files, or {@code null} when it keeps none
 * @param medium            what the storage directory sits on
 * @param cpuPinning        CPUs to pin workers to, in worker order; empty for no pinning
 */
public record Environment(
    long memoryBudgetBytes,
    double headroom,
    int threads,
    Path storageDir,
    Medium medium,
    List<Integer> cpuPinning) {

    public static final double DEFAULT_HEADROOM = 0.2;

    /** Storage media, as named in cards. */
    public enum Medium { NVME, SSD, HDD, TMPFS }

    public Environment {
        Objects.requireNonNull(medium, "medium");
        cpuPinning = List.copyOf(cpuPinning);
        if (memoryBudgetBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive");
        }
        if (!(headroom >= 0 && headroom < 1)) {
            throw new IllegalArgumentException("headroom must be in [0, 1), was " + headroom);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, was " + threads);
        }
    }

    /** Bytes the store's own structures may occupy: the budget less the headroom. */
    public long usableBytes() {
        return (long) (memoryBudgetBytes * (1 - headroom));
    }

    public Optional<Path> storage() {
        return Optional.ofNullable(storageDir);
    }

    /** The same environment with another thread count (the CLI's {@code --threads}). */
    public Environment withThreads(final int newThreads) {
        return new Environment(memoryBudgetBytes, headroom, newThreads, storageDir, medium, cpuPinning);
    }

    /** The same environment with another storage directory (a per-run directory). */
    public Environment withStorageDir(final Path dir) {
        return new Environment(memoryBudgetBytes, headroom, threads, dir, medium, cpuPinning);
    }
}
