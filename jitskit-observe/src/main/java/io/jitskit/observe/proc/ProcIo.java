package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;

import java.nio.file.Files;
import java.util.Optional;

/**
 * I/O counters of one process since it started, from {@code /proc/<pid>/io}.
 *
 * <p>{@code rchar}/{@code wchar} count bytes passed to read- and write-like system calls, whether or not they reached
 * the disk (page-cache hits and pipe traffic included); {@code read_bytes}/{@code write_bytes} count bytes the
 * process caused to be fetched from or sent to the storage layer (write-back is charged to whoever dirtied the page).
 * Reads through a memory mapping appear in {@code read_bytes} only when they fault a page in from disk, and never in
 * {@code rchar}/{@code syscr}: a store that maps its files shows few calls and many bytes.
 *
 * @param pid                      the process
 * @param readChars                {@code rchar}
 * @param writtenChars             {@code wchar}
 * @param readCalls                {@code syscr}
 * @param writeCalls               {@code syscw}
 * @param readBytes                {@code read_bytes}
 * @param writeBytes               {@code write_bytes}
 * @param cancelledWriteBytes      {@code cancelled_write_bytes}: dirty pages dropped before write-back (truncation)
 */
public record ProcIo(
    long pid,
    long readChars,
    long writtenChars,
    long readCalls,
    long writeCalls,
    long readBytes,
    long writeBytes,
    long cancelledWriteBytes) {

    /**
     * Reads {@code /proc/<pid>/io}. The kernel shows it only to a process allowed to ptrace the target (same user,
     * not hardened by {@code yama.ptrace_scope}, or root) and only with task I/O accounting compiled in.
     *
     * @return the counters, or empty when the file is withheld or absent on this kernel
     * @throws ProcessGoneException when the process has exited
     */
    public static Optional<ProcIo> of(final long pid) {
        Linux.requireLinux("/proc/<pid>/io");
        if (!Files.isDirectory(Proc.directory(pid))) {
            throw new ProcessGoneException(pid, Proc.directory(pid).toString());
        }
        if (!Files.exists(Proc.file(pid, "io"))) {
            return Optional.empty();
        }
        return Proc.readIfPermitted(pid, Proc.file(pid, "io")).map(io -> new ProcIo(pid,
            Proc.field(io, "rchar"),
            Proc.field(io, "wchar"),
            Proc.field(io, "syscr"),
            Proc.field(io, "syscw"),
            Proc.field(io, "read_bytes"),
            Proc.field(io, "write_bytes"),
            Proc.field(io, "cancelled_write_bytes")));
    }

    /** {@link #of} for this JVM. */
    public static Optional<ProcIo> ofSelf() {
        return of(Proc.selfPid());
    }

    /**
     * The counters accumulated between an earlier reading and this one.
     *
     * @throws IllegalArgumentException when the readings are of different processes
     */
    public ProcIo minus(final ProcIo earlier) {
        if (earlier.pid != pid) {
            throw new IllegalArgumentException("I/O readings of process " + pid + " and " + earlier.pid
                + " cannot be subtracted");
        }
        return new ProcIo(pid,
            readChars - earlier.readChars,
            writtenChars - earlier.writtenChars,
            readCalls - earlier.readCalls,
            writeCalls - earlier.writeCalls,
            readBytes - earlier.readBytes,
            writeBytes - earlier.writeBytes,
            cancelledWriteBytes - earlier.cancelledWriteBytes);
    }
}
