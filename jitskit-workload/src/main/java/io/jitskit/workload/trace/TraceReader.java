package io.jitskit.workload.trace;

import io.jitskit.spec.TraceSource;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the rows of a trace file in its original format. Used once per trace, by the converter to the compact
 * form; replay never parses text.
 *
 * <p>A malformed row throws {@link MalformedTraceException} naming the file and line (or record index), unless the
 * reader skips malformed rows, in which case it counts them ({@link #malformedSkipped}) and moves on. A problem with
 * the file as a whole (a missing header column) always throws. Not thread-safe.
 */
public interface TraceReader extends Closeable {

    /**
     * Reads the next well-formed row into {@code record}.
     *
     * @return false at the end of the trace
     */
    boolean next(TraceRecord record) throws IOException;

    /** Rows skipped as malformed so far. */
    long malformedSkipped();

    /** Rows read so far, well-formed or skipped. */
    long rowsRead();

    /** A reader for {@code file} in {@code format}. */
    static TraceReader open(final Path file, final TraceSource.Format format, final boolean skipMalformed)
        throws IOException {
        return switch (format) {
            case TWITTER -> new TwitterTraceReader(file, skipMalformed);
            case ORACLE_GENERAL -> new OracleGeneralTraceReader(file, skipMalformed);
            case LIBCACHESIM_CSV -> new LibCacheSimCsvTraceReader(file, skipMalformed);
            case CACHELIB_KVCACHE -> new CacheLibKvCacheTraceReader(file, skipMalformed);
        };
    }
}
