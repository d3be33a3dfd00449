package io.jitskit.workload.trace;

import io.jitskit.spec.TraceSource;
import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceCacheTest {

    private static final String ROWS = "op_time,key,op,size\n1,a,GET,5\n1,b,SET,6\n2,a,GET,5\n2,c,DELETE,0\n";

    @Test
    void aTraceIsConvertedOnceAndReused(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("kv.csv");
        Files.writeString(file, ROWS);
        final TraceSource source = new TraceSource(file, TraceSource.Format.CACHELIB_KVCACHE, false, false, false);
        final Path cache = dir.resolve("cache");
        final Path first;
        try (CompactTrace trace = TraceCache.open(source, cache)) {
            assertTrue(trace.convertedNow());
            first = trace.file();
        }
        try (CompactTrace again = TraceCache.open(source, cache)) {
            assertFalse(again.convertedNow());
            assertEquals(first, again.file());
            assertEquals(4, again.requests());
        }
        final TraceSource skipping = new TraceSource(file, TraceSource.Format.CACHELIB_KVCACHE, false, true, false);
        try (CompactTrace other = TraceCache.open(skipping, cache)) {
            assertTrue(other.convertedNow(), "skip-malformed reads the source differently: its own cache file");
            assertNotEquals(first, other.file());
        }
        Files.writeString(file, ROWS + "3,d,SET,9\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        try (CompactTrace changed = TraceCache.open(source, cache)) {
            assertTrue(changed.convertedNow(), "a changed source is converted again");
            assertEquals(5, changed.requests());
        }
        try (var files = Files.list(cache)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedCacheFileIsConvertedAgain(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("kv.csv");
        Files.writeString(file, ROWS);
        final TraceSource source = new TraceSource(file, TraceSource.Format.CACHELIB_KVCACHE, false, false, false);
        final Path cached;
        try (CompactTrace trace = TraceCache.open(source, dir)) {
            cached = trace.file();
        }
        Files.write(cached, new byte[] {1, 2, 3});
        try (CompactTrace trace = TraceCache.open(source, dir)) {
            assertTrue(trace.convertedNow());
            assertEquals(4, trace.requests());
        }
    }

    @Test
    void threadsReplayInterleavedRequestsExactlyOnce(@TempDir final Path dir) throws IOException {
        final StringBuilder rows = new StringBuilder("op_time,key,op,size\n");
        final int n = 10_001;
        for (int i = 0; i < n; i++) {
            rows.append(i).append(",k").append(i).append(",SET,").append(1 + i % 100).append('\n');
        }
        final Path file = dir.resolve("kv.csv");
        Files.writeString(file, rows);
        try (CompactTrace trace = TraceCache.open(new TraceSource(file, TraceSource.Format.CACHELIB_KVCACHE, false,
            false, false), dir)) {
            final int threads = 3;
            final BitSet seen = new BitSet(n);
            final OpBatch batch = new OpBatch(1000);
            final OpSource[] sources = trace.sources(threads, false);
            for (int t = 0; t < threads; t++) {
                long expected = t;
                while (sources[t].fill(batch) > 0) {
                    for (int i = 0; i < batch.size; i++, expected += threads) {
                        // keys are first seen in row order, so dense id = request index here
                        assertEquals(expected, batch.keyIds[i], "thread " + t);
                        assertEquals(1 + expected % 100, batch.valueSizes[i]);
                        seen.set((int) batch.keyIds[i]);
                    }
                }
                assertEquals(0, sources[t].fill(batch));
            }
            assertEquals(n, seen.cardinality());
        }
    }
}
