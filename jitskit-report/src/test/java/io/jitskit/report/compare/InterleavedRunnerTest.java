package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jitskit.api.MetricNames;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.report.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterleavedRunnerTest {

    /** An executor that records what it was asked to run, in order, and answers from a rule. */
    private static final class RecordingExecutor implements RunExecutor {
        final List<String> calls = new ArrayList<>();
        final List<Long> seeds = new ArrayList<>();

        @Override
        public BenchResult run(final StoreVariant variant, final int round, final long seed,
                               final io.jitskit.harness.driver.ProgressListener progress) {
            calls.add(round + ":" + variant.label());
            seeds.add(seed);
            return variant.store().equals("lmdb") ? Fixtures.skipped("lmdb", "lmdb cannot serve tiny: no room")
                : Fixtures.ok(variant.store(), "in-process", 1.0, 1000, 1 << 20);
        }
    }

    @Test
    void roundsRunEveryStoreOnceBeforeTheNextRoundStartsInOrdersThatAlternate() throws Exception {
        final RecordingExecutor exec = new RecordingExecutor();
        final List<RunRecord> runs = new InterleavedRunner(StoreVariant.parseList("a,b,c"), 3,
            new SplittableRandom(7)::nextLong, exec, CompareListener.NONE).run();
        assertEquals(List.of("1:a", "1:b", "1:c", "2:c", "2:b", "2:a", "3:a", "3:b", "3:c"), exec.calls);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), runs.stream().map(RunRecord::sequence).toList());
    }

    @Test
    void everyStoreOfARoundGetsTheSameSeedAndRoundsGetFreshOnes() throws Exception {
        final RecordingExecutor exec = new RecordingExecutor();
        new InterleavedRunner(StoreVariant.parseList("a,b"), 3, new SplittableRandom(11)::nextLong, exec,
            CompareListener.NONE).run();
        for (int round = 0; round < 3; round++) {
            assertEquals(exec.seeds.get(2 * round), exec.seeds.get(2 * round + 1), "round " + (round + 1));
        }
        assertNotEquals(exec.seeds.get(0), exec.seeds.get(2));
        assertNotEquals(exec.seeds.get(2), exec.seeds.get(4));
    }

    @Test
    void aSkippedStoreRunsOnceAndIsNotRetried() throws Exception {
        final RecordingExecutor exec = new RecordingExecutor();
        new InterleavedRunner(StoreVariant.parseList("a,lmdb,b"), 3, new SplittableRandom(3)::nextLong, exec,
            CompareListener.NONE).run();
        assertEquals(List.of("1:a", "1:lmdb", "1:b", "2:b", "2:a", "3:a", "3:b"), exec.calls);
    }

    @Test
    void anAaCopyRunsAsAStoreOfItsOwn() throws Exception {
        final RecordingExecutor exec = new RecordingExecutor();
        final StoreVariant a = StoreVariant.parse("a");
        new InterleavedRunner(List.of(a, a.asCopy(1)), 2, new SplittableRandom(5)::nextLong, exec,
            CompareListener.NONE).run();
        assertEquals(List.of("1:a", "1:a#2", "2:a#2", "2:a"), exec.calls);
    }

    @Test
    void aRunDisturbedByOtherProcessesRunsAgainABoundedNumberOfTimes() throws Exception {
        final List<String> calls = new ArrayList<>();
        final RunExecutor busyNeighbour = (variant, round, seed, progress) -> {
            calls.add(round + ":" + variant.label());
            // Store "a" always runs beside a busy neighbour; "b" only on its first try.
            final boolean disturbed = variant.store().equals("a") || calls.stream().filter(c -> c.endsWith(":b"))
                .count() == 1;
            final BenchResult ok = Fixtures.ok(variant.store(), "in-process", 1.0, 1000, 1 << 20);
            final java.util.Map<String, Double> indicators = new java.util.TreeMap<>(ok.indicators());
            indicators.put(MetricNames.MACHINE_OTHERS_CPU_SHARE, disturbed ? 0.5 : 0.01);
            return new BenchResult(ok.schema(), ok.spec(), ok.specFile(), ok.store(), ok.threads(), ok.seed(),
                ok.startedAt(), ok.load(), ok.run(), ok.memory(), indicators, ok.storeMetrics(), ok.verdict(),
                ok.failure());
        };
        final List<RunRecord> runs = new InterleavedRunner(StoreVariant.parseList("a,b"), 1,
            new SplittableRandom(9)::nextLong, busyNeighbour, CompareListener.NONE).run();
        assertEquals(List.of("1:a", "1:a", "1:a", "1:b", "1:b"), calls,
            "a: the first run and two more, then kept as it is; b: kept once quiet");
        assertEquals(2, runs.size(), "one run kept per store and round");
        assertEquals(true, runs.get(0).result().disturbed());
        assertEquals(false, runs.get(1).result().disturbed());
    }

    @Test
    void theSameConfigurationTwiceOrNoRunsAreUsageErrors() {
        final RecordingExecutor exec = new RecordingExecutor();
        assertThrows(IllegalArgumentException.class, () -> new InterleavedRunner(StoreVariant.parseList("a,a"), 1,
            () -> 1, exec, CompareListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> new InterleavedRunner(StoreVariant.parseList("a"), 0,
            () -> 1, exec, CompareListener.NONE));
    }
}
