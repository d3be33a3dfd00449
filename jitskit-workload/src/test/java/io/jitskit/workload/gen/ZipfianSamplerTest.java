package io.jitskit.workload.gen;

import io.jitskit.workload.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.jitskit.workload.Statistics.assertBinomial;
import static io.jitskit.workload.Statistics.assertChiSquare;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipfianSamplerTest {

    private static final long SEED = 0xC0FFEEL;

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9, 0.99, 1.2})
    void rankFrequenciesFollowZipfsLaw(final double theta) {
        final int n = 1000;
        final int trials = 1_000_000;
        final ZipfianSampler sampler = new ZipfianSampler(n, theta);
        final Rng rng = new Rng(SEED);
        final long[] counts = new long[n];
        for (int i = 0; i < trials; i++) {
            counts[(int) sampler.nextRank(rng)]++;
        }
        final double[] p = Statistics.zipfProbabilities(n, theta);
        final String what = "zipfian n=" + n + " theta=" + theta + " seed=" + SEED;
        for (int r = 0; r < 10; r++) {
            assertBinomial(counts[r], trials, p[r], what + " rank " + r);
        }
        assertChiSquare(counts, Statistics.scaled(p, trials), what);
    }

    @Test
    void tenMillionItemsNeedNoSetupAndKeepTheHeadAndTail() {
        final long n = 10_000_000L;
        final double theta = 0.99;
        final ZipfianSampler sampler = new ZipfianSampler(n, theta);
        final Rng rng = new Rng(SEED);
        final int trials = 1_000_000;
        final long[] head = new long[3];
        long upperHalf = 0;
        for (int i = 0; i < trials; i++) {
            final long r = sampler.nextRank(rng);
            assertTrue(r >= 0 && r < n, "seed " + SEED + ": rank " + r);
            if (r < head.length) {
                head[(int) r]++;
            }
            if (r >= n / 2) {
                upperHalf++;
            }
        }
        final double zeta = Statistics.zeta(n, theta);
        final String what = "zipfian n=10M theta=0.99 seed=" + SEED;
        for (int r = 0; r < head.length; r++) {
            assertBinomial(head[r], trials, Math.pow(r + 1, -theta) / zeta, what + " rank " + r);
        }
        // P(rank >= n/2) = (zeta(n) - zeta(n/2)) / zeta(n): checks the far tail, not just the head.
        final double tail = (zeta - Statistics.zeta(n / 2, theta)) / zeta;
        assertBinomial(upperHalf, trials, tail, what + " upper half");
    }

    @Test
    void changingTheItemCountChangesTheDomainAtOnce() {
        final ZipfianSampler sampler = new ZipfianSampler(10, 0.99);
        final Rng rng = new Rng(SEED);
        sampler.itemCount(3);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(sampler.nextRank(rng) < 3, "seed " + SEED);
        }
        sampler.itemCount(1);
        assertTrue(sampler.nextRank(rng) == 0);
    }
}
