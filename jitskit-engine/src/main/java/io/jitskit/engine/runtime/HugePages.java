package io.jitskit.engine.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Table memory on transparent huge pages. A probe lands on a random slot of a table far larger than the TLB covers
 * with 4 KiB pages, so nearly every operation pays a page walk (two-dimensional under a hypervisor); with 2 MiB pages
 * the whole table fits the second-level TLB.
 *
 * <p>The region is an anonymous mapping, 2 MiB-aligned, advised {@code MADV_HUGEPAGE} before anything touches it (so
 * the first touch faults a whole huge page, already zero: no separate zeroing pass), and unmapped when the store's
 * arena closes. Where the kernel refuses (THP disabled, no libc symbol) the table comes from the arena as usual: huge
 * pages are a speed-up, never a requirement, and {@link #lastOutcome} says which one the store got.
 */
public final class HugePages {

    public static final long HUGE_PAGE_BYTES = 2L << 20;

    /** What the last {@link #allocate} got, for the store's configuration report. */
    private static volatile String lastOutcome = "not used";

    private HugePages() {
    }

    public static String lastOutcome() {
        return lastOutcome;
    }

    /** {@code bytes} of zeroed memory, 64-byte aligned at least, living as long as {@code arena}. */
    @SuppressWarnings("restricted")
    public static MemorySegment allocate(final Arena arena, final long bytes) {
        if (Libc.Mapping.MMAP == null || Libc.Mapping.MADVISE == null || Libc.Mapping.MUNMAP == null) {
            lastOutcome = "4 KiB pages (libc lacks mmap or madvise)";
            return arena.allocate(bytes, 64);
        }
        final long length = (bytes + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
        // One huge page more than needed, so a 2 MiB boundary lies within the first one.
        final long mapped = length + HUGE_PAGE_BYTES;
        final MemorySegment base;
        try {
            base = (MemorySegment) Libc.Mapping.MMAP.invokeExact(MemorySegment.NULL, mapped, Libc.PROT_READ_WRITE,
                Libc.MAP_PRIVATE_ANONYMOUS, -1, 0L);
        } catch (final Throwable t) {
            lastOutcome = "4 KiB pages (mmap failed: " + t + ")";
            return arena.allocate(bytes, 64);
        }
        if (base.equals(Libc.MAP_FAILED) || base.address() == 0) {
            lastOutcome = "4 KiB pages (mmap of " + mapped + " bytes refused)";
            return arena.allocate(bytes, 64);
        }
        final long start = (base.address() + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
        final MemorySegment aligned = MemorySegment.ofAddress(start);
        int advised;
        try {
            advised = (int) Libc.Mapping.MADVISE.invokeExact(aligned, length, Libc.MADV_HUGEPAGE);
        } catch (final Throwable t) {
            advised = -1;
        }
        // Advice refused (THP set to never): the mapping still works, on small pages, and is still lazily zeroed.
        lastOutcome = advised == 0 ? "2 MiB transparent huge pages (madvise)" : "4 KiB pages (madvise refused)";
        final long baseAddress = base.address();
        return aligned.reinterpret(bytes, arena, ignored -> unmap(baseAddress, mapped));
    }

    private static void unmap(final long address, final long bytes) {
        try {
            final int rc = (int) Libc.Mapping.MUNMAP.invokeExact(MemorySegment.ofAddress(address), bytes);
            if (rc != 0) {
                throw new IllegalStateException("munmap of the table failed");
            }
        } catch (final RuntimeException | Error e) {
            throw e;
        } catch (final Throwable t) {
            throw new IllegalStateException("munmap of the table failed: " + t, t);
        }
    }
}
