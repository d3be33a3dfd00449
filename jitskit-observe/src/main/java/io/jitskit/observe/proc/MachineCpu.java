package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole machine's CPU time from the first line of {@code /proc/stat}, to tell how much of it other processes
 * took while a benchmark ran. On a 2-core machine a compiler or a test run beside the benchmark halves what its
 * workers get, and {@code nice} does not prevent it: with autogroup scheduling (the default of desktop and server
 * kernels alike) each session gets an equal share whatever its processes' nice values. Measured here: the same store
 * ran at 2.0 to 2.4 Mops/s with its workers on the CPU 45% of the time beside a niced build, 5.2 to 6.0 alone.
 *
 * <p>Only user time counts: the kernel's own threads (page-cache writeback, block I/O completion) work for the
 * benchmark's store as often as against it, and an mmap store such as LMDB made them take 14% to 18% of the machine.
 *
 * @param userTicks  ticks all cores spent in user mode, niced or not
 * @param totalTicks ticks of all cores
 */
public record MachineCpu(long userTicks, long totalTicks) {

    static final Path STAT = Path.of("/proc/stat");

    /** The machine's counters now; empty where {@code /proc/stat} cannot be read (not Linux). */
    public static Optional<MachineCpu> now() {
        if (!Linux.isLinux() || !Files.isReadable(STAT)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(STAT)) {
            return lines.findFirst().map(MachineCpu::parse);
        } catch (final IOException e) {
            throw new UncheckedIOException(STAT + ": " + e.getMessage(), e);
        }
    }

    /** Parses the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal (guest time is in user). */
    static MachineCpu parse(final String line) {
        final String[] f = line.trim().split("\\s+");
        if (f.length < 5 || !"cpu".equals(f[0])) {
            throw new IllegalArgumentException(STAT + ": first line is not the aggregate cpu line: " + line);
        }
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        return new MachineCpu(Long.parseLong(f[1]) + Long.parseLong(f[2]), total);
    }

    /**
     * The share of the machine's CPU that other processes used in user mode between {@code before} and this sample,
     * given {@code ownUserNanos} of the benchmark's own user time: 0 on a quiet machine, 0.5 when something else held
     * one of two cores throughout.
     */
    public double othersShareSince(final MachineCpu before, final long ownUserNanos) {
        final long total = totalTicks - before.totalTicks;
        if (total <= 0) {
            return 0;
        }
        final double nanosPerTick = 1e9 / Linux.clockTicksPerSecond();
        final double others = (userTicks - before.userTicks) - ownUserNanos / nanosPerTick;
        return Math.clamp(others / total, 0.0, 1.0);
    }
}
