package io.jitskit.workload.gen;

import io.jitskit.spec.KeyDistribution;
import io.jitskit.workload.Statistics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jitskit.workload.Statistics.assertBinomial;
import static io.jitskit.workload.Statistics.assertChiSquare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyChooserTest {

    private static final long SEED = 0x5EED_0001L;
    private static final int N = 1000;
    private static final int TRIALS = 1_000_000;

    private static long[] histogram(final KeyChooser keys, final int n, final int trials) {
        final Rng rng = new Rng(SEED);
        final long[] counts = new long[n];
        for (int i = 0; i < trials; i++) {
            final long id = keys.nextKeyId(rng);
            assertTrue(id >= 0 && id < n, "seed " + SEED + ": id " + id + " outside [0, " + n + ")");
            counts[(int) id]++;
        }
        return counts;
    }

    @Test
    void uniformKeysHitEveryIdEqually() {
        final long[] counts = histogram(KeyChooser.of(new KeyDistribution.Uniform(), N, SEED, new InsertIds(N, 0, 1)),
            N, TRIALS);
        final double[] expected = new double[N];
        Arrays.fill(expected, TRIALS / (double) N);
        assertChiSquare(counts, expected, "uniform, seed " + SEED);
    }

    @Test
    void zipfianIdsAreZipfianWithIdZeroHottest() {
        final long[] counts = histogram(KeyChooser.of(new KeyDistribution.Zipfian(0.99), N, SEED,
            new InsertIds(N, 0, 1)), N, TRIALS);
        assertChiSquare(counts, Statistics.scaled(Statistics.zipfProbabilities(N, 0.99), TRIALS),
            "zipfian 0.99, seed " + SEED);
    }

    @Test
    void scrambledZipfianHasTheZipfProfileOnScatteredIds() {
        final double theta = 0.99;
        final long[] counts = histogram(KeyChooser.of(new KeyDistribution.ScrambledZipfian(theta), N, SEED,
            new InsertIds(N, 0, 1)), N, TRIALS);
        final double[] p = Statistics.zipfProbabilities(N, theta);
        final BoundedPermutation ranksToIds = ScrambledZipfianKeys.rankPermutation(N, SEED);
        final double[] expected = new double[N];
        for (int rank = 0; rank < N; rank++) {
            expected[(int) ranksToIds.apply(rank)] = p[rank] * TRIALS;
        }
        assertChiSquare(counts, expected, "scrambled zipfian by id, seed " + SEED);

        // The sorted profile is Zipf's, whatever the permutation.
        final long[] sorted = counts.clone();
        Arrays.sort(sorted);
        for (int rank = 0; rank < 3; rank++) {
            assertBinomial(sorted[N - 1 - rank], TRIALS, p[rank], "scrambled rank " + rank + ", seed " + SEED);
        }
        // The ten hottest ids are spread over the id range, not packed at its start.
        long hottestMax = 0;
        for (int rank = 0; rank < 10; rank++) {
            hottestMax = Math.max(hottestMax, ranksToIds.apply(rank));
        }
        assertTrue(hottestMax >= 10, "seed " + SEED + ": hottest ten ids all below 10");
    }

    @Test
    void latestWithoutInsertsMakesTheLastLoadedIdHottest() {
        final double theta = 0.99;
        final long[] counts = histogram(KeyChooser.of(new KeyDistribution.Latest(theta), N, SEED,
            new InsertIds(N, 0, 1)), N, TRIALS);
        final double[] p = Statistics.zipfProbabilities(N, theta);
        final double[] expected = new double[N];
        for (int rank = 0; rank < N; rank++) {
            expected[N - 1 - rank] = p[rank] * TRIALS;
        }
        assertChiSquare(counts, expected, "latest by recency, seed " + SEED);
    }

    @Test
    void latestFollowsThisThreadsInsertsNewestFirst() {
        final double theta = 0.99;
        final int threads = 4;
        final int thread = 2;
        final InsertIds inserts = new InsertIds(N, thread, threads);
        final KeyChooser latest = KeyChooser.of(new KeyDistribution.Latest(theta), N, SEED, inserts);
        final Rng rng = new Rng(SEED);
        final int insertCount = 50;
        final int perStep = 10_000;
        long newestHits = 0;
        long previousHits = 0;
        double expectedNewest = 0;
        double expectedPrevious = 0;
        for (int k = 0; k < insertCount; k++) {
            final long newest = inserts.next();
            assertEquals(N + thread + (long) k * threads, newest, "insert stream of thread " + thread);
            final double zeta = Statistics.zeta(N + inserts.issued(), theta);
            for (int i = 0; i < perStep; i++) {
                final long id = latest.nextKeyId(rng);
                assertTrue(id < N || (id - N) % threads == thread && id <= newest,
                    "seed " + SEED + ": id " + id + " was never loaded nor inserted by thread " + thread);
                newestHits += id == newest ? 1 : 0;
                previousHits += k > 0 && id == newest - threads ? 1 : 0;
            }
            expectedNewest += perStep / zeta;
            expectedPrevious += k > 0 ? perStep * Math.pow(2, -theta) / zeta : 0;
        }
        final long trials = (long) insertCount * perStep;
        assertBinomial(newestHits, trials, expectedNewest / trials, "latest: newest insert, seed " + SEED);
        assertBinomial(previousHits, trials - perStep, expectedPrevious / (trials - perStep),
            "latest: second newest insert, seed " + SEED);
    }

    @Test
    void hotspotSendsTheHotOpFractionToTheHotSetUniformly() {
        final double hotSet = 0.2;
        final double hotOps = 0.8;
        final HotspotKeys keys = new HotspotKeys(N, hotSet, hotOps);
        final long[] counts = histogram(keys, N, TRIALS);
        final int hot = (int) keys.hotCount();
        assertEquals(200, hot);
        final long hotHits = Arrays.stream(counts, 0, hot).sum();
        assertBinomial(hotHits, TRIALS, hotOps, "hotspot hot-set share, seed " + SEED);
        final double[] expected = new double[N];
        for (int id = 0; id < N; id++) {
            expected[id] = TRIALS * (id < hot ? hotOps / hot : (1 - hotOps) / (N - hot));
        }
        assertChiSquare(counts, expected, "hotspot per id, seed " + SEED);
    }

    @Test
    void timeOrderIsNotAKeyChooser() {
        assertThrows(IllegalArgumentException.class,
            () -> KeyChooser.of(new KeyDistribution.TimeOrder(), N, SEED, new InsertIds(N, 0, 1)));
    }
}
