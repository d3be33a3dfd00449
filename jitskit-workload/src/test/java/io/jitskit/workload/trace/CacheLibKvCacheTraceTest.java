package io.jitskit.workload.trace;

import io.jitskit.spec.Operation;
import io.jitskit.spec.TraceSource;
import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asserts the hand counts of meta_kvcache_kv_traces_1.csv.source.md. */
class CacheLibKvCacheTraceTest {

    private static final String SAMPLE = "meta_kvcache_kv_traces_1.csv";

    @Test
    void readerSeesTheHandCountedRows() throws IOException {
        final Path file = SharedTraces.sample(SAMPLE);
        long rows = 0;
        long requests = 0;
        long sizeZero = 0;
        long sizeSum = 0;
        int sizeMin = Integer.MAX_VALUE;
        int sizeMax = 0;
        long timeMin = Long.MAX_VALUE;
        long timeMax = Long.MIN_VALUE;
        final long[] weighted = new long[OpCode.COUNT];
        final long[] byRow = new long[OpCode.COUNT];
        final Set<String> keys = new HashSet<>();
        try (TraceReader reader = TraceReader.open(file, TraceSource.Format.CACHELIB_KVCACHE, false)) {
            final TraceRecord r = new TraceRecord();
            while (reader.next(r)) {
                rows++;
                requests += r.count;
                keys.add(r.textKey);
                weighted[r.op] += r.count;
                byRow[r.op]++;
                sizeZero += r.size == 0 ? 1 : 0;
                sizeSum += r.size;
                sizeMin = Math.min(sizeMin, r.size);
                sizeMax = Math.max(sizeMax, r.size);
                timeMin = Math.min(timeMin, r.time);
                timeMax = Math.max(timeMax, r.time);
            }
            assertEquals(0, reader.malformedSkipped());
        }
        assertEquals(99, rows);
        assertEquals(691, requests);
        assertEquals(52, keys.size());
        assertEquals(51 + 37, byRow[OpCode.READ], "GET + GET_LEASE rows");
        assertEquals(7 + 2, byRow[OpCode.UPSERT], "SET + SET_LEASE rows");
        assertEquals(2, byRow[OpCode.DELETE]);
        assertEquals(167 + 511, weighted[OpCode.READ], "GET + GET_LEASE requests");
        assertEquals(8 + 2, weighted[OpCode.UPSERT], "SET + SET_LEASE requests");
        assertEquals(3, weighted[OpCode.DELETE]);
        assertEquals(16, sizeZero);
        assertEquals(0, sizeMin);
        assertEquals(14773, sizeMax);
        assertEquals(489.7, sizeSum / (double) rows, 0.05, "mean size per row");
        assertEquals(604038471L, timeMin);
        assertEquals(604038479L, timeMax);
    }

    @Test
    void compactFormExpandsOpCountAndReplaysEveryRequest(@TempDir final Path cache) throws IOException {
        final TraceSource source = new TraceSource(SharedTraces.sample(SAMPLE), TraceSource.Format.CACHELIB_KVCACHE,
            false, false, false);
        try (CompactTrace trace = TraceCache.open(source, cache)) {
            final TraceStats stats = trace.stats();
            assertEquals(691, stats.requests());
            assertEquals(52, stats.distinctKeys());
            assertEquals(99, stats.sourceRows());
            assertEquals(0, stats.malformedSkipped());
            assertEquals(678, stats.count(Operation.READ));
            assertEquals(10, stats.count(Operation.UPSERT));
            assertEquals(3, stats.count(Operation.DELETE));
            assertEquals(0, stats.count(Operation.RMW) + stats.count(Operation.INSERT));
            assertEquals(0, stats.sizeMin());
            assertEquals(14773, stats.sizeMax());
            assertEquals(604038471L, stats.timeMin());
            assertEquals(604038479L, stats.timeMax());
            assertEquals(8, stats.knownSizeMin(), "the smallest size of the rows that know one");
            // key_size, hand-counted (source.md): one length per key, 21..116 B, 3,279 B over the 52 keys.
            assertEquals(52, stats.keysWithSize());
            assertEquals(21, stats.keySizeMin());
            assertEquals(116, stats.keySizeMax());
            assertEquals(3279 / 52.0, stats.keySizeMean(), 1e-9);
            assertEquals(48, trace.keySize(trace.keyId(0)), "82131353f9ddc8c6, the first row");
            assertEquals(24, trace.keySize(trace.keyId(1)), "a54f88ab02ece24d, the second row");

            final long[] ops = new long[OpCode.COUNT];
            final Set<Long> ids = new HashSet<>();
            final OpBatch batch = new OpBatch(64);
            long replayed = 0;
            for (final OpSource replay : trace.sources(3, false)) {
                while (replay.fill(batch) > 0) {
                    for (int i = 0; i < batch.size; i++) {
                        ops[batch.ops[i]]++;
                        ids.add(batch.keyIds[i]);
                        replayed++;
                    }
                }
            }
            assertEquals(691, replayed);
            assertEquals(678, ops[OpCode.READ]);
            assertEquals(52, ids.size());
            assertEquals(0, ids.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertEquals(51, ids.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }
}
