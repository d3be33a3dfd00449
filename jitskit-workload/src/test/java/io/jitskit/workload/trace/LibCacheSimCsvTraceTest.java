package io.jitskit.workload.trace;

import io.jitskit.spec.Operation;
import io.jitskit.spec.TraceSource;
import io.jitskit.workload.OpCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Asserts the hand counts of cloudPhysicsIO.csv.source.md and checks the CSV against its binary twin. */
class LibCacheSimCsvTraceTest {

    private static final String SAMPLE = "cloudPhysicsIO.csv";

    @Test
    void readerSeesTheHandCountedRows() throws IOException {
        long rows = 0;
        long writes = 0;
        long reads = 0;
        long timeMin = Long.MAX_VALUE;
        long timeMax = Long.MIN_VALUE;
        final Set<Long> lbns = new HashSet<>();
        try (TraceReader reader = TraceReader.open(SharedTraces.sample(SAMPLE), TraceSource.Format.LIBCACHESIM_CSV,
            false)) {
            final TraceRecord r = new TraceRecord();
            while (reader.next(r)) {
                rows++;
                lbns.add(r.numericKey);
                writes += r.op == OpCode.UPSERT ? 1 : 0;
                reads += r.op == OpCode.READ ? 1 : 0;
                timeMin = Math.min(timeMin, r.time);
                timeMax = Math.max(timeMax, r.time);
            }
        }
        assertEquals(113_872, rows);
        assertEquals(48_974, lbns.size());
        assertEquals(66_898, writes, "op 2a");
        assertEquals(46_974, reads, "op 28");
        assertEquals(5633898, timeMin);
        assertEquals(5641098, timeMax);
    }

    @Test
    void csvMatchesItsOracleGeneralTwinRowByRow() throws IOException {
        long rows = 0;
        long sizeDiffers = 0;
        try (TraceReader csv = TraceReader.open(SharedTraces.sample(SAMPLE), TraceSource.Format.LIBCACHESIM_CSV,
                false);
             TraceReader bin = TraceReader.open(SharedTraces.sample(OracleGeneralTraceTest.SAMPLE),
                 TraceSource.Format.ORACLE_GENERAL, false)) {
            final TraceRecord c = new TraceRecord();
            final TraceRecord b = new TraceRecord();
            while (csv.next(c)) {
                assertEquals(true, bin.next(b), "binary ends before csv line " + c.location);
                assertEquals(b.time, c.time, "time at csv line " + c.location);
                assertEquals(b.numericKey, c.numericKey, "lbn vs obj_id at csv line " + c.location);
                sizeDiffers += b.size != c.size ? 1 : 0;
                rows++;
            }
            assertFalse(bin.next(b), "binary has more records than the csv");
        }
        assertEquals(113_872, rows);
        assertEquals(13_671, sizeDiffers, "rows whose size differs (the binary keeps first-seen sizes)");
    }

    @Test
    void twinsConvertToTheSameKeySequence(@TempDir final Path cache) throws IOException {
        try (CompactTrace csv = TraceCache.open(new TraceSource(SharedTraces.sample(SAMPLE),
                TraceSource.Format.LIBCACHESIM_CSV, false, false, false), cache);
             CompactTrace bin = TraceCache.open(new TraceSource(SharedTraces.sample(OracleGeneralTraceTest.SAMPLE),
                 TraceSource.Format.ORACLE_GENERAL, false, false, false), cache)) {
            assertEquals(bin.requests(), csv.requests());
            assertEquals(bin.stats().distinctKeys(), csv.stats().distinctKeys());
            for (long i = 0; i < csv.requests(); i++) {
                assertEquals(bin.keyId(i), csv.keyId(i), "dense key id of request " + i);
            }
            assertEquals(66_898, csv.stats().count(Operation.UPSERT));
            assertEquals(46_974, csv.stats().count(Operation.READ));
        }
    }
}
