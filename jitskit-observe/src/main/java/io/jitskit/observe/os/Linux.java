package io.jitskit.observe.os;

import java.util.Locale;

/**
 * The platform check and two system constants every instrument needs.
 *
 * <p>The constants come from {@code sysconf(3)} through {@link Libc}; when libc cannot be reached (no native access
 * granted and the call refused, an unusual libc) they fall back to the values of every mainstream Linux/x86-64 and
 * arm64 configuration: 4096-byte pages and 100 clock ticks per second ({@code USER_HZ}, fixed by the kernel ABI
 * whatever {@code CONFIG_HZ} is).
 */
public final class Linux {

    /** {@code USER_HZ} on every Linux ABI in use; {@code getconf CLK_TCK} prints it. */
    public static final long DEFAULT_CLOCK_TICKS_PER_SECOND = 100;

    /** The base page size of x86-64 and of most arm64 kernels. */
    public static final int DEFAULT_PAGE_SIZE = 4096;

    private static final String OS_NAME = System.getProperty("os.name", "unknown");
    private static final boolean IS_LINUX = OS_NAME.toLowerCase(Locale.ROOT).startsWith("linux");

    private Linux() {
    }

    /** Whether this JVM runs on Linux. */
    public static boolean isLinux() {
        return IS_LINUX;
    }

    /**
     * Fails unless this JVM runs on Linux.
     *
     * @param what the instrument asking, for the message (e.g. {@code "page-cache residency"})
     * @throws UnsupportedOperationException elsewhere, naming the instrument and the OS
     */
    public static void requireLinux(final String what) {
        if (!IS_LINUX) {
            throw new UnsupportedOperationException(what + " reads Linux /proc and libc; this JVM runs on " + OS_NAME
                + ": run the harness on Linux");
        }
    }

    /** Bytes per base page: {@code sysconf(_SC_PAGESIZE)}, or {@value #DEFAULT_PAGE_SIZE} when it cannot be asked. */
    public static int pageSize() {
        return Constants.PAGE_SIZE;
    }

    /**
     * Clock ticks per second, the unit of {@code utime}/{@code stime} in {@code /proc/<pid>/stat}:
     * {@code sysconf(_SC_CLK_TCK)}, or {@value #DEFAULT_CLOCK_TICKS_PER_SECOND} when it cannot be asked.
     */
    public static long clockTicksPerSecond() {
        return Constants.CLOCK_TICKS_PER_SECOND;
    }

    /** Resolved on first use, so that merely loading {@link Linux} on another OS never touches libc. */
    private static final class Constants {
        static final int PAGE_SIZE = (int) sysconfOr(Libc.SC_PAGESIZE, DEFAULT_PAGE_SIZE);
        static final long CLOCK_TICKS_PER_SECOND = sysconfOr(Libc.SC_CLK_TCK, DEFAULT_CLOCK_TICKS_PER_SECOND);

        private static long sysconfOr(final int name, final long fallback) {
            if (!IS_LINUX) {
                return fallback;
            }
            try {
                final long value = Libc.sysconf(name);
                return value > 0 ? value : fallback;
            } catch (final RuntimeException | LinkageError unavailable) {
                // No native access (IllegalCallerException) or no such symbol: the ABI default is right in practice.
                return fallback;
            }
        }
    }
}
