package io.jitskit.workload.trace;

import io.jitskit.workload.OpCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * libCacheSim's CSV traces, e.g. {@code data/cloudPhysicsIO.csv} ({@code version,time,op,size,lbn}). Columns are
 * found by header name: the object id in {@code lbn}, {@code obj_id}, {@code obj-id}, {@code id} or {@code key}
 * (a decimal integer); {@code size} or {@code obj_size}; {@code time} or {@code timestamp} if present; {@code op} if
 * present (else every row is a read). Operations: SCSI opcodes in hex (28, 88, a8 READ(10/16/12) &rarr; READ;
 * 2a, 8a, aa WRITE(10/16/12) &rarr; UPSERT) or the words read/get, write/set, delete.
 */
final class LibCacheSimCsvTraceReader extends TextTraceReader {

    private final int time;
    private final int op;
    private final int size;
    private final int id;
    private final int columns;

    LibCacheSimCsvTraceReader(final Path file, final boolean skipMalformed) throws IOException {
        super(file, skipMalformed);
        final String headerLine = readHeader();
        if (headerLine == null) {
            throw fileError(1, "empty file", "a libCacheSim CSV trace starts with a header row");
        }
        final String[] header = fields(headerLine);
        time = column(header, "time", "timestamp");
        op = column(header, "op");
        size = column(header, "size", "obj_size", "obj-size");
        id = column(header, "lbn", "obj_id", "obj-id", "id", "key");
        columns = header.length;
        if (size < 0 || id < 0) {
            throw fileError(1, "header '" + headerLine + "' lacks a size or object id column",
                "the header must name a size column (size, obj_size) and an id column (lbn, obj_id, id, key)");
        }
    }

    @Override
    protected void parse(final String text, final TraceRecord record) throws Malformed {
        final String[] f = fields(text);
        if (f.length != columns) {
            throw new Malformed("expected " + columns + " columns as in the header, found " + f.length);
        }
        record.time = time >= 0 ? parseLong(f[time], "time") : 0;
        record.numericKey = parseLong(f[id], "object id");
        record.size = parseSize(f[size], "size");
        record.op = op < 0 ? OpCode.READ : switch (f[op].trim().toLowerCase(Locale.ROOT)) {
            case "28", "88", "a8", "read", "get" -> OpCode.READ;
            case "2a", "8a", "aa", "write", "set" -> OpCode.UPSERT;
            case "delete" -> OpCode.DELETE;
            default -> throw new Malformed("unknown op '" + f[op] + "' (expected a SCSI read/write opcode in hex "
                + "such as 28 or 2a, or read, write, delete)");
        };
        requireWriteSize(record, "size");
    }
}
