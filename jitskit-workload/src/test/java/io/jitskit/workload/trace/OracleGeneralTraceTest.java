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
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts the hand counts of cloudPhysicsIO.oracleGeneral.bin.source.md. */
class OracleGeneralTraceTest {

    static final String SAMPLE = "cloudPhysicsIO.oracleGeneral.bin";
    private static final int RECORDS = 113_872;

    @Test
    void readerSeesTheHandCountedRecords() throws IOException {
        final Path file = SharedTraces.sample(SAMPLE);
        final long[] objects = new long[RECORDS];
        final long[] next = new long[RECORDS];
        final Map<Long, Integer> firstSize = new HashMap<>();
        long noNext = 0;
        long sizeSum = 0;
        int sizeMin = Integer.MAX_VALUE;
        int sizeMax = 0;
        long previousTime = Long.MIN_VALUE;
        int i = 0;
        try (TraceReader reader = TraceReader.open(file, TraceSource.Format.ORACLE_GENERAL, false)) {
            final TraceRecord r = new TraceRecord();
            while (reader.next(r)) {
                if (i == 0) {
                    assertEquals(5633898, r.time, "first record");
                    assertEquals(42932745, r.numericKey, "first record");
                    assertEquals(512, r.size, "first record");
                    assertEquals(-1, r.nextAccess, "first record");
                }
                assertEquals(i, r.location);
                assertTrue(r.time >= previousTime, "timestamps are non-decreasing at record " + i);
                previousTime = r.time;
                assertEquals(r.size, (int) firstSize.computeIfAbsent(r.numericKey, k -> r.size),
                    "obj_size is the first-seen size at record " + i);
                objects[i] = r.numericKey;
                next[i] = r.nextAccess;
                noNext += r.nextAccess == -1 ? 1 : 0;
                sizeSum += r.size;
                sizeMin = Math.min(sizeMin, r.size);
                sizeMax = Math.max(sizeMax, r.size);
                i++;
            }
        }
        assertEquals(RECORDS, i);
        assertEquals(48_974, firstSize.size());
        assertEquals(48_974, noNext);
        assertEquals(5641098, previousTime);
        assertEquals(512, sizeMin);
        assertEquals(69632, sizeMax);
        assertEquals(38_359, sizeSum / (double) RECORDS, 0.5);
        // next_access_vtime is the 1-based position of the next request to the same object.
        final Map<Long, Integer> nextSeen = new HashMap<>();
        for (int k = RECORDS - 1; k >= 0; k--) {
            final Integer j = nextSeen.put(objects[k], k);
            assertEquals(j == null ? -1 : j + 1, next[k], "next_access_vtime of record " + k);
        }
    }

    @Test
    void compactFormHasTheCountsAndEveryRecordIsARead(@TempDir final Path cache) throws IOException {
        final TraceSource source = new TraceSource(SharedTraces.sample(SAMPLE), TraceSource.Format.ORACLE_GENERAL,
            true, false, true);
        try (CompactTrace trace = TraceCache.open(source, cache)) {
            final TraceStats stats = trace.stats();
            assertEquals(RECORDS, stats.requests());
            assertEquals(48_974, stats.distinctKeys());
            assertEquals(RECORDS, stats.count(Operation.READ));
            assertEquals(5633898, stats.timeMin());
            assertEquals(5641098, stats.timeMax());
            assertEquals(0, stats.keysWithSize(), "oracleGeneral records no key lengths");
            assertEquals(0, trace.keySize(0));
            assertEquals(512, stats.sizeMin());
            assertEquals(69632, stats.sizeMax());
            assertEquals(38_359, stats.sizeMean(), 0.5);
            assertEquals(0, trace.keyId(0));
            assertEquals(512, trace.valueSize(0));

            final OpBatch batch = new OpBatch();
            long replayed = 0;
            long maxId = 0;
            for (final OpSource replay : trace.sources(2, false)) {
                while (replay.fill(batch) > 0) {
                    for (int i = 0; i < batch.size; i++) {
                        assertEquals(OpCode.READ, batch.ops[i]);
                        assertTrue(batch.valueSizes[i] >= 512, "traced size for upsert-on-miss");
                        maxId = Math.max(maxId, batch.keyIds[i]);
                    }
                    replayed += batch.size;
                }
            }
            assertEquals(RECORDS, replayed);
            assertEquals(48_973, maxId, "dense ids are [0, distinct)");
        }
    }
}
