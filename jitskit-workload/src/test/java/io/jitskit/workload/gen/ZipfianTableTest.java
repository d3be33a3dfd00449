package io.jitskit.workload.gen;

import io.jitskit.workload.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jitskit.workload.Statistics.assertBinomial;
import static io.jitskit.workload.Statistics.assertChiSquare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipfianTableTest {

    private static final long SEED = 0x7AB1EL;

    /** 5,000 ranks span single-rank buckets and wide ones (up to 78 ranks), so both paths are checked. */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9, 0.99, 1.2})
    void rankFrequenciesFollowZipfsLawInsideAndAcrossBuckets(final double theta) {
        final int n = 5_000;
        final int trials = 2_000_000;
        final ZipfianTable table = new ZipfianTable(n, theta);
        final Rng rng = new Rng(SEED);
        final long[] counts = new long[n];
        for (int i = 0; i < trials; i++) {
            counts[(int) table.nextRank(rng)]++;
        }
        final double[] p = Statistics.zipfProbabilities(n, theta);
        final String what = "zipfian table n=" + n + " theta=" + theta + " seed=" + SEED;
        for (int r = 0; r < 10; r++) {
            assertBinomial(counts[r], trials, p[r], what + " rank " + r);
        }
        // The last bucket, rank by rank pooled: its first and last ranks differ in weight by up to 1/64.
        long lastBucket = 0;
        double lastBucketP = 0;
        for (int r = n - 70; r < n; r++) {
            lastBucket += counts[r];
            lastBucketP += p[r];
        }
        assertBinomial(lastBucket, trials, lastBucketP, what + " last 70 ranks");
        assertChiSquare(counts, Statistics.scaled(p, trials), what);
    }

    @Test
    void tenMillionRanksKeepTheHeadAndTheFarTail() {
        final long n = 10_000_000L;
        final double theta = 0.99;
        final ZipfianTable table = new ZipfianTable(n, theta);
        final Rng rng = new Rng(SEED);
        final int trials = 2_000_000;
        final long[] head = new long[3];
        long upperHalf = 0;
        long lastTenth = 0;
        for (int i = 0; i < trials; i++) {
            final long r = table.nextRank(rng);
            assertTrue(r >= 0 && r < n, "seed " + SEED + ": rank " + r);
            if (r < head.length) {
                head[(int) r]++;
            }
            if (r >= n / 2) {
                upperHalf++;
            }
            if (r >= n - n / 10) {
                lastTenth++;
            }
        }
        final double zeta = Statistics.zeta(n, theta);
        final String what = "zipfian table n=10M theta=0.99 seed=" + SEED;
        for (int r = 0; r < head.length; r++) {
            assertBinomial(head[r], trials, Math.pow(r + 1, -theta) / zeta, what + " rank " + r);
        }
        assertBinomial(upperHalf, trials, (zeta - Statistics.zeta(n / 2, theta)) / zeta, what + " upper half");
        assertBinomial(lastTenth, trials, (zeta - Statistics.zeta(n - n / 10, theta)) / zeta, what + " last tenth");
    }

    @Test
    void aSingleRankAlwaysDrawsRankZero() {
        final ZipfianTable table = new ZipfianTable(1, 0.99);
        final Rng rng = new Rng(SEED);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, table.nextRank(rng));
        }
    }

    @Test
    void everyRankOfASmallDomainIsDrawn() {
        final int n = 300;
        final ZipfianTable table = new ZipfianTable(n, 0.99);
        final Rng rng = new Rng(SEED);
        final boolean[] seen = new boolean[n];
        for (int i = 0; i < 200_000; i++) {
            seen[(int) table.nextRank(rng)] = true;
        }
        for (int r = 0; r < n; r++) {
            assertTrue(seen[r], "seed " + SEED + ": rank " + r + " of " + n + " never drawn");
        }
    }

    @Test
    void rejectsDomainsItCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> new ZipfianTable(0, 0.99));
        assertThrows(IllegalArgumentException.class, () -> new ZipfianTable(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ZipfianTable((1L << 38) + 1, 0.99));
    }
}
