package io.jitskit.engine.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The small text files both engines keep their checkpoint manifests in: UTF-8 lines, the first naming the format, the
 * last {@code crc <CRC32C of every byte before it>}, replaced atomically ({@link DurableFiles#replace}). A reader gets
 * the lines only when the file is whole and checks, so a damaged manifest is refused, never half-read.
 */
public final class CheckedLines {

    private static final String CRC = "crc ";

    private CheckedLines() {
    }

    /** Replaces {@code dir/name} with {@code lines} and their checksum line, atomically and durably. */
    public static void replace(final Path dir, final String name, final List<String> lines) throws IOException {
        final StringBuilder sb = new StringBuilder();
        for (final String line : lines) {
            sb.append(line).append('\n');
        }
        final byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        final CRC32C crc = new CRC32C();
        crc.update(body);
        final byte[] tail = (CRC + crc.getValue() + "\n").getBytes(StandardCharsets.UTF_8);
        DurableFiles.replace(dir, name, name + ".tmp",
            ByteBuffer.allocate(body.length + tail.length).put(body).put(tail).flip());
    }

    /**
     * The lines of {@code file} before its checksum line.
     *
     * @param format the first line the file must have
     * @throws IOException naming the file when it is of another format, has no checksum line or fails it
     */
    public static List<String> read(final Path file, final String format) throws IOException {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        final int crcAt = text.lastIndexOf("\n" + CRC) + 1;
        if (!text.startsWith(format + "\n")) {
            throw new IOException(file + ":1: not a " + format + " file; restore the directory or delete it to start"
                + " empty");
        }
        final CRC32C crc = new CRC32C();
        crc.update(text.substring(0, crcAt).getBytes(StandardCharsets.UTF_8));
        if (crcAt == 0 || !text.substring(crcAt + CRC.length()).equals(crc.getValue() + "\n")) {
            throw new IOException(file + ": no checksum line, or it does not match; the file is replaced only "
                + "whole, so the directory was damaged: restore it or delete it to start empty");
        }
        return List.of(text.substring(0, crcAt).split("\n"));
    }
}
