package io.jitskit.workload.trace;

import io.jitskit.workload.OpCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Twitter's cache traces (twitter/cache-trace, Twemcache/Pelikan clusters, 2020): seven comma-separated columns,
 * no header: {@code timestamp, anonymized key, key size, value size, client id, operation, TTL}.
 *
 * <p>An anonymized key keeps its namespace delimiters, whatever they are, so the key is taken as everything between
 * the first comma and the fifth comma from the end. Operations: get, gets &rarr; READ; set, add, replace, cas,
 * append, prepend &rarr; UPSERT of the row's value size (append and prepend are simplified to a whole-value write,
 * since the row only gives the resulting size; add and cas lose their conditions); delete &rarr; DELETE;
 * incr, decr &rarr; RMW whose initial value is at least 8 bytes (add-u64 keeps an 8-byte counter; memcached's is
 * decimal text).
 */
final class TwitterTraceReader extends TextTraceReader {

    private static final int COLUMNS = 7;

    TwitterTraceReader(final Path file, final boolean skipMalformed) throws IOException {
        super(file, skipMalformed);
    }

    @Override
    protected void parse(final String text, final TraceRecord record) throws Malformed {
        final String[] f = fields(text);
        if (f.length < COLUMNS) {
            throw new Malformed("expected 7 columns (timestamp,key,key size,value size,client,op,ttl), found "
                + f.length);
        }
        final int last = f.length - 1;
        record.time = parseLong(f[0], "timestamp");
        record.textKey = f.length == COLUMNS ? f[1] : String.join(",", Arrays.copyOfRange(f, 1, last - 4));
        if (record.textKey.isEmpty()) {
            throw new Malformed("empty key");
        }
        record.keySize = parseKeySize(f[last - 4], "key size");
        record.size = parseSize(f[last - 3], "value size");
        record.op = switch (f[last - 1].trim().toLowerCase(Locale.ROOT)) {
            case "get", "gets" -> OpCode.READ;
            case "set", "add", "replace", "cas", "append", "prepend" -> OpCode.UPSERT;
            case "delete" -> OpCode.DELETE;
            case "incr", "decr" -> OpCode.RMW;
            default -> throw new Malformed("unknown operation '" + f[last - 1] + "' (expected get, gets, set, add, "
                + "replace, cas, append, prepend, delete, incr or decr)");
        };
        if (record.op == OpCode.RMW) {
            record.size = Math.max(record.size, Long.BYTES);
        }
        requireWriteSize(record, "value size");
        parseLong(f[last], "ttl");
    }
}
