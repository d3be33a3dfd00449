package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths under {@code /proc} and the parsing of its {@code Key: value [kB]} files.
 *
 * <p>{@code /proc} files report a size of 0 and are generated on read, so each is read whole in one go
 * ({@link Files#readAllBytes} reads to end of file whatever the reported size).
 */
public final class Proc {

    /** Where procfs is mounted. */
    public static final Path ROOT = Path.of("/proc");

    private Proc() {
    }

    /** The pid of this JVM. */
    public static long selfPid() {
        return ProcessHandle.current().pid();
    }

    /** {@code /proc/<pid>}. */
    public static Path directory(final long pid) {
        return ROOT.resolve(Long.toString(pid));
    }

    /** {@code /proc/<pid>/<name>}. */
    public static Path file(final long pid, final String name) {
        return directory(pid).resolve(name);
    }

    /**
     * Reads a {@code /proc} file of a process as text.
     *
     * @throws ProcessGoneException when the process has exited
     * @throws UncheckedIOException on any other failure, naming the file
     */
    static String read(final long pid, final Path file) {
        Linux.requireLinux("reading " + file);
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (final NoSuchFileException gone) {
            throw new ProcessGoneException(pid, file.toString());
        } catch (final IOException e) {
            // Reading /proc/<pid>/... of a process that exits mid-read fails with ESRCH.
            if (!Files.exists(file.getParent())) {
                throw new ProcessGoneException(pid, file.toString());
            }
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Like {@link #read}, but empty when the kernel withholds the file (another user's process, no capability). */
    static Optional<String> readIfPermitted(final long pid, final Path file) {
        try {
            return Optional.of(read(pid, file));
        } catch (final UncheckedIOException e) {
            if (e.getCause() instanceof AccessDeniedException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The number after {@code key:} on its line, scaled by 1024 when the line ends in {@code kB}; -1 when the key is
     * absent (old kernels lack {@code RssAnon} and friends; a kernel thread has no {@code VmRSS}).
     *
     * @param text the whole file
     * @param key  the key without the colon, matched at the start of a line
     */
    static long field(final String text, final String key) {
        int at = 0;
        while (true) {
            at = text.indexOf(key, at);
            if (at < 0) {
                return -1;
            }
            final int colon = at + key.length();
            final boolean lineStart = at == 0 || text.charAt(at - 1) == '\n';
            if (lineStart && colon < text.length() && text.charAt(colon) == ':') {
                return parseValue(text, colon + 1, key);
            }
            at = colon;
        }
    }

    private static long parseValue(final String text, final int from, final String key) {
        int i = from;
        final int length = text.length();
        while (i < length && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        long value = 0;
        final int digits = i;
        while (i < length && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == digits) {
            throw new IllegalStateException("/proc field " + key + " has no number: '"
                + text.substring(from, Math.min(length, from + 40)).strip() + "'");
        }
        final boolean kibibytes = text.startsWith(" kB", i);
        return kibibytes ? value * 1024 : value;
    }
}
