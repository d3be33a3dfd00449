package io.jitskit.workload.trace;

import io.jitskit.workload.OpCode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Meta's CacheLib kvcache traces (cachebench trace replay): CSV with a header row, columns found by name as
 * CacheLib's replayer does. Needed: {@code key}, {@code op}, {@code size}; used when present: {@code op_time},
 * {@code op_count} (default 1), {@code key_size} (the original key's length, which CacheLib's replayer pads the
 * anonymized key to). Operations: GET, GET_LEASE &rarr; READ; SET, SET_LEASE &rarr; UPSERT; DELETE
 * &rarr; DELETE (CacheLib treats the lease variants as the plain operations). A row stands for {@code op_count}
 * identical requests. A GET's size 0 means the size was unknown (a production miss); a write of size 0 is
 * malformed.
 */
final class CacheLibKvCacheTraceReader extends TextTraceReader {

    private final int time;
    private final int key;
    private final int keySize;
    private final int op;
    private final int count;
    private final int size;
    private final int columns;

    CacheLibKvCacheTraceReader(final Path file, final boolean skipMalformed) throws IOException {
        super(file, skipMalformed);
        final String headerLine = readHeader();
        if (headerLine == null) {
            throw fileError(1, "empty file", "a CacheLib kvcache trace starts with a header row naming key, op, size");
        }
        final String[] header = fields(headerLine);
        time = column(header, "op_time");
        key = column(header, "key");
        keySize = column(header, "key_size");
        op = column(header, "op");
        count = column(header, "op_count");
        size = column(header, "size");
        columns = header.length;
        if (key < 0 || op < 0 || size < 0) {
            throw fileError(1, "header '" + headerLine + "' lacks a key, op or size column",
                "a CacheLib kvcache trace needs a header row naming at least key, op and size");
        }
    }

    @Override
    protected void parse(final String text, final TraceRecord record) throws Malformed {
        final String[] f = fields(text);
        if (f.length != columns) {
            throw new Malformed("expected " + columns + " columns as in the header, found " + f.length);
        }
        record.time = time >= 0 ? parseLong(f[time], "op_time") : 0;
        record.textKey = f[key];
        if (record.textKey.isEmpty()) {
            throw new Malformed("empty key");
        }
        if (keySize >= 0) {
            record.keySize = parseKeySize(f[keySize], "key_size");
        }
        record.op = switch (f[op].trim()) {
            case "GET", "GET_LEASE" -> OpCode.READ;
            case "SET", "SET_LEASE" -> OpCode.UPSERT;
            case "DELETE" -> OpCode.DELETE;
            default -> throw new Malformed("unknown op '" + f[op] + "' (expected GET, GET_LEASE, SET, SET_LEASE or "
                + "DELETE)");
        };
        final long n = count >= 0 ? parseLong(f[count], "op_count") : 1;
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new Malformed("op_count " + n + " outside [1, " + Integer.MAX_VALUE + "]");
        }
        record.count = (int) n;
        record.size = parseSize(f[size], "size");
        requireWriteSize(record, "size");
    }
}
