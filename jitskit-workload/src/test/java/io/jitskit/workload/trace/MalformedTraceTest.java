package io.jitskit.workload.trace;

import io.jitskit.spec.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedTraceTest {

    private static MalformedTraceException failure(final Path file, final TraceSource.Format format,
                                                   final Path cache) {
        return assertThrows(MalformedTraceException.class,
            () -> TraceCache.open(new TraceSource(file, format, false, false, false), cache).close());
    }

    private static TraceStats skipping(final Path file, final TraceSource.Format format, final Path cache)
        throws IOException {
        try (CompactTrace trace = TraceCache.open(new TraceSource(file, format, false, true, false), cache)) {
            return trace.stats();
        }
    }

    private static void assertNamesLineAndFix(final MalformedTraceException e, final Path file, final long line)
        throws IOException {
        assertTrue(e.getMessage().startsWith(file.toRealPath() + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("skip-malformed"), e.getMessage());
        assertEquals(line, e.location());
    }

    @Test
    void twitterRowWithAnUnknownOperationNamesItsLine(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("t.csv");
        Files.writeString(file, "0,k,1,10,1,get,0\n1,k,1,10,1,frobnicate,0\n2,k,1,10,1,set,0\n3,k,1\n");
        final MalformedTraceException e = failure(file, TraceSource.Format.TWITTER, dir);
        assertNamesLineAndFix(e, file, 2);
        assertTrue(e.getMessage().contains("frobnicate"), e.getMessage());
        final TraceStats stats = skipping(file, TraceSource.Format.TWITTER, dir);
        assertEquals(2, stats.malformedSkipped());
        assertEquals(2, stats.requests());
        assertEquals(4, stats.sourceRows());
    }

    @Test
    void cacheLibRowsThatCannotBeReplayedAreNamed(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("kv.csv");
        Files.writeString(file, String.join("\n",
            "op_time,key,key_size,op,op_count,size,cache_hits,ttl,usecase,sub_usecase",
            "1,aa,10,GET,2,5,1,0,1,1",
            "1,bb,10,SET,1,0,0,60,1,1",
            "2,cc,10,GET,x,5,1,0,1,1",
            "2,dd,10,GET,1,5,1,0,1",
            "3,aa,10,SET,1,7,0,60,1,1",
            "3,ee,70000,SET,1,7,0,60,1,1",
            "4,ff,-1,SET,1,7,0,60,1,1",
            ""));
        assertNamesLineAndFix(failure(file, TraceSource.Format.CACHELIB_KVCACHE, dir), file, 3);
        final TraceStats stats = skipping(file, TraceSource.Format.CACHELIB_KVCACHE, dir);
        assertEquals(5, stats.malformedSkipped(), "a key_size outside [0, 65535] too");
        assertEquals(3, stats.requests(), "GET x2 and one SET survive");
        assertEquals(1, stats.distinctKeys());
    }

    @Test
    void aHeaderWithoutTheNeededColumnsCannotBeSkipped(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("kv.csv");
        Files.writeString(file, "op_time,name,op,size\n1,aa,GET,5\n");
        final MalformedTraceException e = assertThrows(MalformedTraceException.class, () -> TraceCache.open(
            new TraceSource(file, TraceSource.Format.CACHELIB_KVCACHE, false, true, false), dir).close());
        assertTrue(e.getMessage().contains(":1: ") && e.getMessage().contains("key"), e.getMessage());
    }

    @Test
    void libCacheSimCsvRowWithABadOpOrIdIsNamed(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("io.csv");
        Files.writeString(file, "version,time,op,size,lbn\n1,5,28,512,7\n1,5,2a,512,8\n1,6,ff,512,9\n1,6,28,512,x\n");
        assertNamesLineAndFix(failure(file, TraceSource.Format.LIBCACHESIM_CSV, dir), file, 4);
        assertEquals(2, skipping(file, TraceSource.Format.LIBCACHESIM_CSV, dir).malformedSkipped());
    }

    @Test
    void oracleGeneralTruncatedRecordIsNamedByIndex(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("t.oracleGeneral.bin");
        final ByteBuffer b = ByteBuffer.allocate(2 * 24 + 10).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2; i++) {
            b.putInt(100 + i).putLong(7 + i).putInt(4096).putLong(-1);
        }
        b.put(new byte[10]);
        Files.write(file, b.array());
        final MalformedTraceException e = failure(file, TraceSource.Format.ORACLE_GENERAL, dir);
        assertTrue(e.getMessage().contains(":record 2 (byte 48): the file ends 10 bytes into"), e.getMessage());
        assertTrue(e.getMessage().contains("skip-malformed"), e.getMessage());
        final TraceStats stats = skipping(file, TraceSource.Format.ORACLE_GENERAL, dir);
        assertEquals(1, stats.malformedSkipped());
        assertEquals(2, stats.requests());
        assertEquals(100, stats.timeMin());
    }
}
