package io.jitskit.observe.proc;

/**
 * CPU time one thread of a process has used, read by {@link ProcCpu}.
 *
 * @param tid          the kernel thread id
 * @param name         the thread's name as the kernel knows it ({@code comm}): the JVM copies each Java thread's
 *                     name there, cut to 15 bytes
 * @param cpuNanos     time on a CPU, to the nanosecond when {@code schedstat} is available (the scheduler's own
 *                     accounting), else {@code userNanos + systemNanos}
 * @param userNanos    user-mode time, at clock-tick resolution (10 ms at 100 Hz)
 * @param systemNanos  kernel-mode time, at clock-tick resolution
 */
public record ThreadCpuTime(long tid, String name, long cpuNanos, long userNanos, long systemNanos) {

    /**
     * The time used between an earlier reading of the same thread and this one.
     *
     * @throws IllegalArgumentException when the readings are of different threads
     */
    public ThreadCpuTime minus(final ThreadCpuTime earlier) {
        if (earlier.tid != tid) {
            throw new IllegalArgumentException("CPU readings of thread " + tid + " and " + earlier.tid
                + " cannot be subtracted");
        }
        return new ThreadCpuTime(tid, name, cpuNanos - earlier.cpuNanos, userNanos - earlier.userNanos,
            systemNanos - earlier.systemNanos);
    }
}
