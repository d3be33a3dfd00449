package io.jitskit.workload.gen;

import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.TemporalPattern;
import io.jitskit.workload.OpCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import static io.jitskit.workload.Statistics.assertBinomial;
import static io.jitskit.workload.Statistics.assertChiSquare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixAndSizesTest {

    private static final long SEED = 0xABCDEFL;
    private static final int TRIALS = 1_000_000;

    private static OperationMix mix(final double read, final double upsert, final double rmw, final double delete,
                                    final double insert) {
        final Map<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.READ, read);
        m.put(Operation.UPSERT, upsert);
        m.put(Operation.RMW, rmw);
        m.put(Operation.DELETE, delete);
        m.put(Operation.INSERT, insert);
        return new OperationMix(m);
    }

    @Test
    void operationProportionsMatchTheMix() {
        final OperationMix mix = mix(50, 20, 15, 10, 5);
        final OpMix ops = new OpMix(mix);
        final Rng rng = new Rng(SEED);
        final long[] counts = new long[OpCode.COUNT];
        for (int i = 0; i < TRIALS; i++) {
            counts[ops.next(rng)]++;
        }
        for (final Operation op : Operation.values()) {
            assertBinomial(counts[op.ordinal()], TRIALS, mix.of(op), op.cardName() + ", seed " + SEED);
        }
    }

    @Test
    void absentOperationsAreNeverDrawn() {
        final OpMix ops = new OpMix(OperationMix.readUpsert(100));
        final Rng rng = new Rng(SEED);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(OpCode.READ, ops.next(rng), "seed " + SEED);
        }
    }

    @Test
    void burstsAreExactlyNReadsEveryMOpsAndTheRestHasNoReads() {
        final int burst = 64;
        final int every = 1280;
        final Arrivals arrivals = new Arrivals(mix(5, 0, 0, 47.5, 47.5), new TemporalPattern.Bursts(burst, every));
        final Rng rng = new Rng(SEED);
        long inserts = 0;
        final int windows = 200;
        for (int i = 0; i < every * windows; i++) {
            final byte op = arrivals.next(rng);
            final boolean inBurst = i % every < burst;
            assertEquals(inBurst, op == OpCode.READ, "op " + i + ", seed " + SEED);
            inserts += op == OpCode.INSERT ? 1 : 0;
        }
        assertBinomial(inserts, (long) (every - burst) * windows, 0.5, "inserts outside bursts, seed " + SEED);
    }

    @Test
    void bimodalSizesHaveTheirWeight() {
        final SizeChooser sizes = SizeChooser.of(new SizeDistribution.Bimodal(20, 200, 0.9));
        final Rng rng = new Rng(SEED);
        long small = 0;
        for (int i = 0; i < TRIALS; i++) {
            final int size = sizes.nextSize(rng);
            assertTrue(size == 20 || size == 200, "seed " + SEED + ": size " + size);
            small += size == 20 ? 1 : 0;
        }
        assertBinomial(small, TRIALS, 0.9, "bimodal small share, seed " + SEED);
    }

    @Test
    void uniformSizesCoverTheirRangeEvenly() {
        final int min = 10;
        final int max = 109;
        final SizeChooser sizes = SizeChooser.of(new SizeDistribution.Uniform(min, max));
        final Rng rng = new Rng(SEED);
        final long[] counts = new long[max - min + 1];
        for (int i = 0; i < TRIALS; i++) {
            counts[sizes.nextSize(rng) - min]++;
        }
        final double[] expected = new double[counts.length];
        Arrays.fill(expected, TRIALS / (double) counts.length);
        assertChiSquare(counts, expected, "uniform sizes, seed " + SEED);
    }

    @Test
    void fixedSizesAreFixedAndTraceSizesNeedATrace() {
        assertEquals(100, SizeChooser.of(new SizeDistribution.Fixed(100)).nextSize(new Rng(SEED)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SizeChooser.of(new SizeDistribution.FromTrace(1, 10)));
        assertTrue(e.getMessage().contains("workload.trace"), e.getMessage());
    }
}
