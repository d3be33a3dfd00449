package io.jitskit.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianMinMaxAndAnIntervalAroundTheGeometricMean() {
        final Spread s = Spread.of(10, 11, 9, 10.5, 9.5);
        assertEquals(5, s.runs());
        assertEquals(10, s.median(), 1e-12);
        assertEquals(9, s.min(), 1e-12);
        assertEquals(11, s.max(), 1e-12);
        assertEquals(11.0 / 9 - 1, s.maxOverMin(), 1e-12);
        // Logs: sd 0.0793 over 5 runs, t(4) = 2.776: half-width 0.0985 around the mean log 2.3001.
        assertEquals(9.0395, s.low(), 1e-3);
        assertEquals(11.0071, s.high(), 1e-3);
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Spread.of(4, 1, 3, 2).median(), 1e-12);
    }

    @Test
    void oneRunHasNoInterval() {
        final Spread s = Spread.of(3.0);
        assertFalse(s.hasInterval());
        assertTrue(Double.isNaN(s.low()) && Double.isNaN(s.high()));
    }

    @Test
    void theIntervalCoversTheTrueMeanAboutNineteenTimesInTwenty() {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        int covered = 0;
        final int trials = 4000;
        for (int t = 0; t < trials; t++) {
            final double[] runs = new double[5];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = 10 * Math.exp(0.05 * random.nextGaussian());
            }
            final Spread s = Spread.of(runs);
            if (s.low() <= 10 && 10 <= s.high()) {
                covered++;
            }
        }
        // 95% of 4,000: 3,800 with sd 13.8; five sd either side.
        assertTrue(covered > 3731 && covered < 3869, "seed " + seed + ": covered " + covered + " of " + trials);
    }

    @Test
    void throughputsMustNotBeNegativeAndAZeroRunLeavesNoInterval() {
        assertThrows(IllegalArgumentException.class, () -> Spread.of());
        assertThrows(IllegalArgumentException.class, () -> Spread.of(1, -1));
        assertFalse(Spread.of(1, 0).hasInterval());
        assertEquals(0.5, Spread.of(1, 0).median(), 1e-12);
    }
}
