package io.jitskit.workload.trace;

import io.jitskit.spec.Operation;
import io.jitskit.spec.TraceSource;
import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Twitter's format has no sample here: these files are written in its documented format (twitter/cache-trace). */
class TwitterTraceTest {

    private static final String TRACE = String.join("\n",
        "0,nz:u:eeW511W3dcH3de3d15ec,26,0,1,get,0",
        "0,nz:u:eeW511W3dcH3de3d15ec,26,420,1,set,3600",
        "1,nz:u:eeW511W3dcH3de3d15ec,26,420,1,gets,0",
        "1,a,b:key,with,commas,17,90,2,add,60",
        "2,a,b:key,with,commas,17,95,2,cas,60",
        "2,ctr:1,5,2,3,incr,0",
        "3,ctr:1,5,2,3,decr,0",
        "3,x:y,3,12,4,replace,10",
        "3,x:y,3,16,4,append,10",
        "4,x:y,3,20,4,prepend,10",
        "5,x:y,3,0,4,delete,0",
        "");

    @Test
    void everyOperationMapsAsDocumented(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("cluster.csv");
        Files.writeString(file, TRACE);
        final List<String> seen = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(file, TraceSource.Format.TWITTER, false)) {
            final TraceRecord r = new TraceRecord();
            while (reader.next(r)) {
                seen.add(r.time + " " + r.textKey + " " + OpCode.operation(r.op).cardName() + " " + r.size);
            }
        }
        assertEquals(List.of(
            "0 nz:u:eeW511W3dcH3de3d15ec read 0",
            "0 nz:u:eeW511W3dcH3de3d15ec upsert 420",
            "1 nz:u:eeW511W3dcH3de3d15ec read 420",
            "1 a,b:key,with,commas upsert 90",
            "2 a,b:key,with,commas upsert 95",
            "2 ctr:1 rmw 8",
            "3 ctr:1 rmw 8",
            "3 x:y upsert 12",
            "3 x:y upsert 16",
            "4 x:y upsert 20",
            "5 x:y delete 0"), seen);
    }

    @Test
    void convertedTraceCountsKeysAndOps(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("cluster.csv");
        Files.writeString(file, TRACE);
        try (CompactTrace trace = TraceCache.open(new TraceSource(file, TraceSource.Format.TWITTER, true, false,
            false), dir.resolve("cache"))) {
            final TraceStats stats = trace.stats();
            assertEquals(11, stats.requests());
            assertEquals(4, stats.distinctKeys());
            assertEquals(2, stats.count(Operation.READ));
            assertEquals(6, stats.count(Operation.UPSERT));
            assertEquals(2, stats.count(Operation.RMW));
            assertEquals(1, stats.count(Operation.DELETE));
            assertEquals(0, stats.timeMin());
            assertEquals(5, stats.timeMax());
            assertEquals(4, stats.keysWithSize(), "every row carries its key's original size");
            assertEquals(3, stats.keySizeMin());
            assertEquals(26, stats.keySizeMax());
            assertEquals((26 + 17 + 5 + 3) / 4.0, stats.keySizeMean(), 1e-9, "each key counted once");
            assertEquals(8, stats.knownSizeMin(), "the incr rows' 2 B, raised to an rmw's 8-B counter");
            assertEquals(26, trace.keySize(trace.keyId(0)));
            assertEquals(17, trace.keySize(trace.keyId(3)));
            assertEquals(5, trace.keySize(trace.keyId(5)));
            assertEquals(3, trace.keySize(trace.keyId(10)));
            assertEquals(0, trace.keySize(stats.distinctKeys()), "not a key of the trace");
            // Looping replay wraps: with 2 threads over 11 requests thread 0 replays 0, 2, .., 10, 0, 2, ...; the
            // first fill of 8 ends at request 2, so the second starts at request 4.
            final OpSource replay = trace.sources(2, true)[0];
            final OpBatch batch = new OpBatch(8);
            replay.fill(batch);
            replay.fill(batch);
            assertEquals(8, batch.size);
            assertEquals(trace.keyId(4), batch.keyIds[0]);
            assertEquals(trace.keyId(0), batch.keyIds[4], "wrapped to the thread's first request");
        }
    }
}
