package io.jitskit.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedRatioTest {

    @Test
    void aConsistentGainWins() {
        final PairedRatio r = PairedRatio.of(new double[] {11, 10.8, 11.3}, new double[] {10, 9.9, 10.2});
        assertTrue(r.wins(), r.describe());
        assertFalse(r.loses());
        assertEquals(3, r.pairs());
        assertTrue(r.ratio() > 1.09 && r.ratio() < 1.11, r.describe());
    }

    @Test
    void aGainThePairsDisagreeOnIsATie() {
        // The second pair says the challenger lost: the mean ratio is above 1, the interval is not.
        final PairedRatio r = PairedRatio.of(new double[] {12, 9.5, 11.5}, new double[] {10, 10, 10});
        assertTrue(r.ratio() > 1, r.describe());
        assertFalse(r.wins(), r.describe());
        assertFalse(r.loses(), r.describe());
    }

    @Test
    void aSinglePairNeverWins() {
        final PairedRatio r = PairedRatio.of(new double[] {20}, new double[] {10});
        assertEquals(2, r.ratio(), 1e-12);
        assertFalse(r.wins(), "one pair has no interval");
    }

    @Test
    void aStoreAgainstItselfRarelyWins() {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        int wins = 0;
        final int trials = 4000;
        for (int t = 0; t < trials; t++) {
            final double[] a = new double[3];
            final double[] b = new double[3];
            for (int i = 0; i < 3; i++) {
                a[i] = 10 * Math.exp(0.1 * random.nextGaussian());
                b[i] = 10 * Math.exp(0.1 * random.nextGaussian());
            }
            if (PairedRatio.of(a, b).wins()) {
                wins++;
            }
        }
        // A one-sided 2.5% false win rate: 100 of 4,000 expected, sd 9.9.
        assertTrue(wins < 150, "seed " + seed + ": an identical store won " + wins + " of " + trials);
    }

    @Test
    void pairsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[] {0}, new double[] {1}));
    }
}
