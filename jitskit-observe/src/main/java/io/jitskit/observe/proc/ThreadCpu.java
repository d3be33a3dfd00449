package io.jitskit.observe.proc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of threads of this JVM, through {@link ThreadMXBean}: the precise per-worker figure when the workers run
 * in the same process as the caller (the child JVM's driver measuring its own workers).
 *
 * <p>HotSpot reads it from {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}: nanosecond resolution, no {@code /proc}
 * parsing. Platform threads only: the JVM reports no CPU time for a virtual thread.
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static {
        // Off by default only on exotic JVMs; switching it on costs nothing on HotSpot.
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    private ThreadCpu() {
    }

    /**
     * CPU time (user plus system) the thread has used so far.
     *
     * @return nanoseconds, or -1 when the thread has ended, is virtual, or the JVM cannot measure it
     */
    public static long of(final Thread thread) {
        if (thread.isVirtual()) {
            return -1;
        }
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.threadId()) : -1;
    }

    /** User-mode CPU time of the thread, or -1 as for {@link #of}. */
    public static long userOf(final Thread thread) {
        if (thread.isVirtual()) {
            return -1;
        }
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadUserTime(thread.threadId()) : -1;
    }

    /** CPU time of the calling thread, or -1 when the JVM cannot measure it. */
    public static long current() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
