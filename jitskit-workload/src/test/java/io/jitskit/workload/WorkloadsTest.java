package io.jitskit.workload;

import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.Phase;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.TemporalPattern;
import io.jitskit.spec.TraceSource;
import io.jitskit.spec.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadsTest {

    private static final long SEED = 0x3141_5926L;

    private static Workload card(final long keys, final OperationMix mix, final KeyDistribution d,
                                 final SizeDistribution sizes, final Phase run) {
        return new Workload(keys, new KeyFormat.Id8(), sizes, mix, d, new TemporalPattern.Steady(), true, run, null);
    }

    private static Workload ycsbA(final long keys, final long operations) {
        return card(keys, OperationMix.readUpsert(50), new KeyDistribution.Zipfian(0.99),
            new SizeDistribution.Fixed(100), Phase.ofOperations(operations));
    }

    @Test
    void theLoadPhaseWritesEveryKeyOnceInAShuffledOrder() {
        final int keys = 100_003;
        final int threads = 3;
        final BitSet seen = new BitSet(keys);
        final OpBatch batch = new OpBatch();
        long ascendingSteps = 0;
        long steps = 0;
        for (final OpSource load : Workloads.loadSources(ycsbA(keys, 1), threads, SEED)) {
            long previous = -1;
            while (load.fill(batch) > 0) {
                for (int i = 0; i < batch.size; i++) {
                    final int id = (int) batch.keyIds[i];
                    assertEquals(OpCode.UPSERT, batch.ops[i]);
                    assertEquals(100, batch.valueSizes[i]);
                    assertFalse(seen.get(id), "seed " + SEED + ": id " + id + " loaded twice");
                    seen.set(id);
                    ascendingSteps += previous >= 0 && id == previous + 1 ? 1 : 0;
                    steps++;
                    previous = id;
                }
            }
        }
        assertEquals(keys, seen.cardinality());
        assertEquals(keys, seen.nextClearBit(0));
        // A shuffled order almost never steps to the next id; a sequential one always does.
        assertTrue(ascendingSteps < steps / 100, "seed " + SEED + ": " + ascendingSteps + " sequential steps");
    }

    @Test
    void anOperationCountPhaseIsSplitExactlyOverTheThreads() {
        final long operations = 10_007;
        final OpBatch batch = new OpBatch(1000);
        long total = 0;
        for (final OpSource source : Workloads.runSources(ycsbA(1000, operations), 4, SEED)) {
            long own = 0;
            while (source.fill(batch) > 0) {
                own += batch.size;
            }
            assertEquals(0, source.fill(batch), "an exhausted source stays exhausted");
            assertTrue(own == 2501 || own == 2502, "share " + own);
            total += own;
        }
        assertEquals(operations, total);
    }

    @Test
    void aSeedReproducesTheRunAndAnotherSeedDoesNot() {
        final Workload w = ycsbA(10_000, 5000);
        final OpBatch a = new OpBatch();
        final OpBatch b = new OpBatch();
        final OpBatch c = new OpBatch();
        Workloads.runSources(w, 2, SEED)[1].fill(a);
        Workloads.runSources(w, 2, SEED)[1].fill(b);
        Workloads.runSources(w, 2, SEED + 1)[1].fill(c);
        assertArrayEquals(a.keyIds, b.keyIds);
        assertArrayEquals(a.ops, b.ops);
        assertFalse(java.util.Arrays.equals(a.keyIds, c.keyIds));
    }

    @Test
    void insertsNameFreshIdsThatNoOtherThreadProduces() {
        final Map<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.READ, 50.0);
        m.put(Operation.INSERT, 50.0);
        final Workload w = card(1000, new OperationMix(m), new KeyDistribution.Latest(0.99),
            new SizeDistribution.Uniform(8, 64), Phase.ofOperations(40_000));
        final int threads = 2;
        final BitSet inserted = new BitSet();
        final OpBatch batch = new OpBatch();
        for (final OpSource source : Workloads.runSources(w, threads, SEED)) {
            while (source.fill(batch) > 0) {
                for (int i = 0; i < batch.size; i++) {
                    final int id = (int) batch.keyIds[i];
                    if (batch.ops[i] == OpCode.INSERT) {
                        assertTrue(id >= 1000, "seed " + SEED + ": insert of loaded id " + id);
                        assertFalse(inserted.get(id), "seed " + SEED + ": id " + id + " inserted twice");
                        inserted.set(id);
                        assertTrue(batch.valueSizes[i] >= 8 && batch.valueSizes[i] <= 64);
                    } else {
                        assertTrue(id < 1000 || inserted.get(id), "seed " + SEED + ": read of absent id " + id);
                        assertEquals(0, batch.valueSizes[i]);
                    }
                }
            }
        }
    }

    @Test
    void cardsThatCannotBeGeneratedAreRejectedWithTheFieldAndFix() {
        final Map<Operation, Double> rmw = new EnumMap<>(Operation.class);
        rmw.put(Operation.RMW, 1.0);
        final Workload tinyRmw = card(10, new OperationMix(rmw), new KeyDistribution.Uniform(),
            new SizeDistribution.Fixed(4), Phase.ofOperations(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workloads.runSources(tinyRmw, 1, SEED))
            .getMessage().startsWith("workload.valueSizes"));

        final Map<Operation, Double> growth = new EnumMap<>(Operation.class);
        growth.put(Operation.INSERT, 2.0);
        growth.put(Operation.DELETE, 1.0);
        final Workload lopsided = card(10, new OperationMix(growth), new KeyDistribution.TimeOrder(),
            new SizeDistribution.Fixed(8), Phase.ofOperations(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workloads.runSources(lopsided, 1, SEED))
            .getMessage().startsWith("workload.mix"));

        final Workload trace = new Workload(0, new KeyFormat.Id8(), new SizeDistribution.FromTrace(1, 100),
            OperationMix.readUpsert(100), new KeyDistribution.Uniform(), new TemporalPattern.Steady(), false,
            Phase.ofOperations(1), new TraceSource(Path.of("t.bin"), TraceSource.Format.ORACLE_GENERAL, true, false,
            true));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workloads.runSources(trace, 1, SEED))
            .getMessage().contains("TraceCache"));
        assertThrows(IllegalArgumentException.class, () -> Workloads.runSources(ycsbA(10, 1), 0, SEED));
    }

    @Test
    void opCodesAreTheOrdinalsOfTheSpecOperations() {
        for (final Operation op : Operation.values()) {
            assertEquals(op.ordinal(), OpCode.of(op));
            assertEquals(op, OpCode.operation(OpCode.of(op)));
        }
        assertEquals(Operation.values().length, OpCode.COUNT);
        assertEquals(Operation.READ.ordinal(), OpCode.READ);
        assertEquals(Operation.UPSERT.ordinal(), OpCode.UPSERT);
        assertEquals(Operation.RMW.ordinal(), OpCode.RMW);
        assertEquals(Operation.DELETE.ordinal(), OpCode.DELETE);
        assertEquals(Operation.INSERT.ordinal(), OpCode.INSERT);
    }

    @Test
    void versionsAreUniqueAndIncreasingPerThread() {
        final VersionClock a = new VersionClock(3);
        final VersionClock b = new VersionClock(4);
        final long a1 = a.next();
        final long a2 = a.next();
        final long b1 = b.next();
        assertTrue(a2 > a1);
        assertTrue(a1 != b1 && a2 != b1);
        assertEquals(3, VersionClock.threadOf(a2));
        assertEquals(2, VersionClock.sequenceOf(a2));
        assertThrows(IllegalArgumentException.class, () -> new VersionClock(VersionClock.MAX_THREADS));
    }
}
