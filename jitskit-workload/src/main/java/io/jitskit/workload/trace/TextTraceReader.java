package io.jitskit.workload.trace;

import io.jitskit.workload.OpCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Line-oriented trace formats: skips blank lines, counts lines, and turns a {@link Malformed} thrown by
 * {@link #parse} into a skip or a {@link MalformedTraceException}. Bytes are read as ISO-8859-1 so that any byte in an
 * anonymized key survives and decoding never fails.
 */
abstract class TextTraceReader implements TraceReader {

    /** A row that does not parse; carries the problem only (no stack trace: skipped rows can be many). */
    static final class Malformed extends Exception {
        Malformed(final String problem) {
            super(problem, null, false, false);
        }
    }

    protected final Path file;
    private final boolean skipMalformed;
    private final BufferedReader in;
    private long line;
    private long rows;
    private long skipped;

    TextTraceReader(final Path file, final boolean skipMalformed) throws IOException {
        this.file = file;
        this.skipMalformed = skipMalformed;
        this.in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
    }

    /** Reads the header line, if the format has one; the next line read is line 2. */
    protected final String readHeader() throws IOException {
        final String header = in.readLine();
        line = 1;
        return header;
    }

    /** A problem with the file as a whole, at {@code where} (a line, or 0). */
    protected final MalformedTraceException fileError(final long where, final String problem, final String fix) {
        return new MalformedTraceException(file, Long.toString(where), where, problem, fix);
    }

    /** Parses one non-blank line into {@code record}. */
    protected abstract void parse(String text, TraceRecord record) throws Malformed;

    @Override
    public final boolean next(final TraceRecord record) throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            rows++;
            record.reset(line);
            try {
                parse(text, record);
                return true;
            } catch (final Malformed e) {
                if (!skipMalformed) {
                    throw new MalformedTraceException(file, Long.toString(line), line, e.getMessage(),
                        MalformedTraceException.SKIP_FIX);
                }
                skipped++;
            }
        }
        return false;
    }

    @Override
    public final long malformedSkipped() {
        return skipped;
    }

    @Override
    public final long rowsRead() {
        return rows;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }

    /** Splits on commas, keeping empty fields. */
    static String[] fields(final String text) {
        return text.split(",", -1);
    }

    static long parseLong(final String field, final String name) throws Malformed {
        try {
            return Long.parseLong(field.trim());
        } catch (final NumberFormatException e) {
            throw new Malformed(name + " '" + field + "' is not an integer");
        }
    }

    /** A value size: non-negative and small enough for the compact form. */
    static int parseSize(final String field, final String name) throws Malformed {
        final long size = parseLong(field, name);
        if (size < 0 || size > CompactTraceDescriptor.MAX_VALUE_SIZE) {
            throw new Malformed(name + " " + size + " outside [0, " + CompactTraceDescriptor.MAX_VALUE_SIZE + "]");
        }
        return (int) size;
    }

    /** An original key length, small enough for the compact form's key-size table; 0 stands for unknown. */
    static int parseKeySize(final String field, final String name) throws Malformed {
        final long size = parseLong(field, name);
        if (size < 0 || size > CompactTraceDescriptor.MAX_KEY_SIZE) {
            throw new Malformed(name + " " + size + " outside [0, " + CompactTraceDescriptor.MAX_KEY_SIZE + "]");
        }
        return (int) size;
    }

    /** Writes must carry a value: the store SPI has no empty values. */
    static void requireWriteSize(final TraceRecord record, final String name) throws Malformed {
        if (record.size == 0 && record.op != OpCode.READ && record.op != OpCode.DELETE) {
            throw new Malformed("a write with " + name + " 0 (values are at least 1 byte)");
        }
    }

    /** The index of column {@code name} in a header, or -1. */
    static int column(final String[] header, final String... names) {
        for (int i = 0; i < header.length; i++) {
            for (final String name : names) {
                if (header[i].trim().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
