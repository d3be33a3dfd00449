package io.jitskit.workload.gen;

import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.Phase;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.TemporalPattern;
import io.jitskit.spec.Workload;
import io.jitskit.workload.OpBatch;
import io.jitskit.workload.OpCode;
import io.jitskit.workload.OpSource;
import io.jitskit.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.jitskit.workload.Statistics.assertBinomial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderOpSourceTest {

    private static final long SEED = 0x7153_0001L;

    private static Workload timeOrder(final long keys, final double read, final TemporalPattern temporal,
                                      final long operations) {
        final Map<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.READ, read);
        m.put(Operation.UPSERT, 10.0);
        m.put(Operation.INSERT, 40.0);
        m.put(Operation.DELETE, 40.0);
        return new Workload(keys, new KeyFormat.Id8(), new SizeDistribution.Fixed(100), new OperationMix(m),
            new KeyDistribution.TimeOrder(), temporal, true, Phase.ofOperations(operations), null);
    }

    /**
     * Replays load and run of every thread against a model of the live set: nothing reads, updates or deletes a dead
     * key, nothing inserts a live one, and the live count is the key count after each insert/delete pair.
     */
    @Test
    void theLiveWindowStaysExactAndNoOpTouchesADeadKey() {
        final long keys = 1000;
        final int threads = 3;
        final Workload w = timeOrder(keys, 10, new TemporalPattern.Steady(), 300_000);
        final Set<Long> live = new HashSet<>();
        final OpBatch batch = new OpBatch(257);
        for (final OpSource load : Workloads.loadSources(w, threads, SEED)) {
            while (load.fill(batch) > 0) {
                for (int i = 0; i < batch.size; i++) {
                    assertEquals(OpCode.UPSERT, batch.ops[i]);
                    assertTrue(live.add(batch.keyIds[i]), "seed " + SEED + ": loaded twice " + batch.keyIds[i]);
                }
            }
        }
        assertEquals(keys, live.size());
        final OpSource[] run = Workloads.runSources(w, threads, SEED);
        final long[] pendingInsert = new long[threads];
        long reads = 0;
        long total = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int t = 0; t < threads; t++) {
                final int n = run[t].fill(batch);
                progress |= n > 0;
                for (int i = 0; i < n; i++) {
                    final long id = batch.keyIds[i];
                    final String where = "seed " + SEED + " thread " + t + " op " + total;
                    assertEquals(t, id % threads, where + ": id " + id + " outside the thread's stream");
                    switch (batch.ops[i]) {
                        case OpCode.INSERT -> {
                            assertTrue(live.add(id), where + ": inserted live id " + id);
                            pendingInsert[t]++;
                        }
                        case OpCode.DELETE -> {
                            assertTrue(live.remove(id), where + ": deleted dead id " + id);
                            pendingInsert[t]--;
                        }
                        default -> assertTrue(live.contains(id), where + ": touched dead id " + id);
                    }
                    assertTrue(pendingInsert[t] == 0 || pendingInsert[t] == 1, where + ": unpaired insert/delete");
                    reads += batch.ops[i] == OpCode.READ ? 1 : 0;
                    total++;
                }
            }
            long pending = 0;
            for (final long p : pendingInsert) {
                pending += p;
            }
            assertEquals(keys + pending, live.size(), "seed " + SEED + ": live count");
        }
        assertEquals(300_000, total);
        assertBinomial(reads, total, 0.1, "time-order reads, seed " + SEED);
    }

    @Test
    void burstyTimeOrderReadsOnlyInBursts() {
        final long keys = 500;
        final Workload w = timeOrder(keys, 5, new TemporalPattern.Bursts(64, 1280), 12_800);
        final OpSource source = Workloads.runSources(w, 1, SEED)[0];
        final OpBatch batch = new OpBatch();
        long index = 0;
        while (source.fill(batch) > 0) {
            for (int i = 0; i < batch.size; i++, index++) {
                assertEquals(index % 1280 < 64, batch.ops[i] == OpCode.READ, "op " + index + ", seed " + SEED);
                if (batch.ops[i] == OpCode.READ) {
                    assertFalse(batch.keyIds[i] < 0, "seed " + SEED);
                }
            }
        }
        assertEquals(12_800, index);
    }
}
