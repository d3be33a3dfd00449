package io.jitskit.workload.gen;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jitskit.workload.Statistics.assertChiSquare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RngTest {

    private static final long SEED = 0x1234_5678L;

    @Test
    void sameSeedAndStreamRepeatTheSequence() {
        final Rng a = Rng.forStream(SEED, 3);
        final Rng b = Rng.forStream(SEED, 3);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong(), "seed " + SEED + " draw " + i);
        }
    }

    @Test
    void streamsOfOneSeedDiffer() {
        final Rng a = Rng.forStream(SEED, 0);
        final Rng b = Rng.forStream(SEED, 1);
        int equal = 0;
        for (int i = 0; i < 1000; i++) {
            equal += a.nextLong() == b.nextLong() ? 1 : 0;
        }
        assertEquals(0, equal, "seed " + SEED);
    }

    @Test
    void boundedLongsAreUniformEvenForBoundsThatAreNotPowersOfTwo() {
        // A bound of 3 * 2^61 is where a modulo reduction is most biased (the low third would get 2x the mass).
        final long bound = 3L << 61;
        final int bins = 12;
        final long[] counts = new long[bins];
        final Rng rng = new Rng(SEED);
        final int trials = 600_000;
        for (int i = 0; i < trials; i++) {
            final long x = rng.nextLong(bound);
            assertTrue(x >= 0 && x < bound, "seed " + SEED + ": " + x);
            counts[(int) (x / (bound / bins))]++;
        }
        final double[] expected = new double[bins];
        Arrays.fill(expected, trials / (double) bins);
        assertChiSquare(counts, expected, "nextLong(3*2^61), seed " + SEED);
    }

    @Test
    void smallBoundsCoverEveryValueUniformly() {
        final int bound = 7;
        final long[] counts = new long[bound];
        final Rng rng = new Rng(SEED);
        for (int i = 0; i < 700_000; i++) {
            counts[rng.nextInt(bound)]++;
        }
        final double[] expected = new double[bound];
        Arrays.fill(expected, 100_000);
        assertChiSquare(counts, expected, "nextInt(7), seed " + SEED);
    }

    @Test
    void doublesStayInTheUnitInterval() {
        final Rng rng = new Rng(SEED);
        for (int i = 0; i < 100_000; i++) {
            final double d = rng.nextDouble();
            assertTrue(d >= 0 && d < 1, "seed " + SEED + ": " + d);
        }
        assertNotEquals(rng.nextDouble(), rng.nextDouble());
    }

    @Test
    void nonPositiveBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Rng(SEED).nextLong(0));
    }
}
