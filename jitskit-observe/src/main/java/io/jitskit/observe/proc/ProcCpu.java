package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CPU time of a process and of each of its threads, from {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/task/<tid>/{stat,schedstat,comm}}; works on any process the caller may read, typically the
 * child JVM running a store.
 *
 * <p>{@code utime} and {@code stime} count clock ticks of {@link Linux#clockTicksPerSecond()} per second (taken from
 * {@code sysconf(_SC_CLK_TCK)}, the figure {@code getconf CLK_TCK} prints, or 100 when libc cannot be asked), so
 * they are 10 ms coarse; per-thread totals use the nanosecond {@code schedstat} instead when the kernel has it
 * ({@code CONFIG_SCHED_INFO}, on in every distribution kernel).
 */
public final class ProcCpu {

    private static final int UTIME_AFTER_COMM = 11;   // field 14 of stat(5), counted from field 3 (state)
    private static final int STIME_AFTER_COMM = 12;   // field 15

    private ProcCpu() {
    }

    /**
     * User plus system CPU time of the whole process, dead threads included, at clock-tick resolution.
     *
     * @throws ProcessGoneException when the process has exited
     */
    public static long processCpuNanos(final long pid) {
        final long[] ticks = userAndSystemTicks(pid, Proc.read(pid, Proc.file(pid, "stat")));
        return ticksToNanos(ticks[0] + ticks[1]);
    }

    /**
     * User CPU time of the whole process, dead threads included, at clock-tick resolution.
     *
     * @throws ProcessGoneException when the process has exited
     */
    public static long processUserCpuNanos(final long pid) {
        return ticksToNanos(userAndSystemTicks(pid, Proc.read(pid, Proc.file(pid, "stat")))[0]);
    }

    /**
     * Every live thread of the process, in thread-id order. Threads that exit during the scan are left out.
     *
     * @throws ProcessGoneException when the process has exited
     */
    public static List<ThreadCpuTime> threads(final long pid) {
        Linux.requireLinux("per-thread CPU time");
        final Path tasks = Proc.file(pid, "task");
        final List<ThreadCpuTime> threads = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
            for (final Path task : entries) {
                final long tid = Long.parseLong(task.getFileName().toString());
                try {
                    threads.add(thread(pid, tid, task));
                } catch (final ProcessGoneException exited) {
                    // The thread ended between listing and reading: it no longer has a time to report.
                }
            }
        } catch (final NoSuchFileException gone) {
            throw new ProcessGoneException(pid, tasks.toString());
        } catch (final IOException e) {
            throw new UncheckedIOException(tasks + ": cannot list threads: " + e.getMessage(), e);
        }
        threads.sort(Comparator.comparingLong(ThreadCpuTime::tid));
        return threads;
    }

    private static ThreadCpuTime thread(final long pid, final long tid, final Path task) {
        final long[] ticks = userAndSystemTicks(tid, Proc.read(tid, task.resolve("stat")));
        final String name = Proc.read(tid, task.resolve("comm")).strip();
        final long userNanos = ticksToNanos(ticks[0]);
        final long systemNanos = ticksToNanos(ticks[1]);
        final Path schedstat = task.resolve("schedstat");
        long cpuNanos = userNanos + systemNanos;
        if (Files.exists(schedstat)) {
            final String line = Proc.read(tid, schedstat);
            cpuNanos = Long.parseLong(line.substring(0, line.indexOf(' ')));
        }
        return new ThreadCpuTime(tid, name, cpuNanos, userNanos, systemNanos);
    }

    /** {@code utime} and {@code stime} of a {@code stat} line. */
    private static long[] userAndSystemTicks(final long id, final String stat) {
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses: the fields
        // that follow are found from the last ')'.
        final int afterComm = stat.lastIndexOf(')');
        if (afterComm < 0) {
            throw new IllegalStateException("/proc stat of " + id + " has no command name: '" + stat.strip() + "'");
        }
        final String[] fields = stat.substring(afterComm + 2).split(" ");
        return new long[] {Long.parseLong(fields[UTIME_AFTER_COMM]), Long.parseLong(fields[STIME_AFTER_COMM])};
    }

    private static long ticksToNanos(final long ticks) {
        return ticks * (1_000_000_000L / Linux.clockTicksPerSecond());
    }
}
