package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.harness.bench.BenchResult;
import io.jitskit.report.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatesTest {

    private static StoreAggregate row(final String label, final BenchResult... results) {
        final StoreVariant v = StoreVariant.parse(label);
        final List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            runs.add(new RunRecord(v, i + 1, i + 1, 100 + i, results[i]));
        }
        return Aggregates.summarize(v, runs, results.length, r -> null);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheTwoMiddles() {
        assertEquals(4.0, Aggregates.median(new double[] {5, 3, 4}));
        assertEquals(3.5, Aggregates.median(new double[] {5, 2, 3, 4}));
        assertEquals(7.0, Aggregates.median(new double[] {7}));
    }

    @Test
    void aStoreRowHoldsMedianMinMaxOfItsRunsAndItsWorstPeakMemory() {
        final StoreAggregate chm = row("chm", Fixtures.ok("chm", "in-process", 4.0, 2_000, 50L << 20),
            Fixtures.ok("chm", "in-process", 5.0, 4_000, 70L << 20),
            Fixtures.ok("chm", "in-process", 3.0, 3_000, 60L << 20));
        assertEquals(StoreAggregate.OK, chm.status());
        assertEquals(4.0, chm.medianMops(), 1e-9);
        assertEquals(3.0, chm.minMops(), 1e-9);
        assertEquals(5.0, chm.maxMops(), 1e-9);
        assertEquals(Map.of("read", 3_000L), chm.p99Nanos());
        assertEquals(70L << 20, chm.peakChargedBytes());
        assertEquals(Fixtures.BUDGET, chm.budgetBytes());
        assertEquals(3, chm.runsOk());
        assertEquals(StoreAggregate.IN_PROCESS, chm.category());
        assertEquals(List.of(100L, 101L, 102L), chm.runs().stream().map(RunSummary::seed).toList());
    }

    @Test
    void oneFailedRunMakesTheStoreFailedWithItsReasonAndNoNumbers() {
        final StoreAggregate bad = row("fast-but-wrong", Fixtures.ok("x", "in-process", 9.0, 1_000, 1 << 20),
            Fixtures.failed("x", "read of key 0x2a returned bytes that were never written"),
            Fixtures.ok("x", "in-process", 9.5, 1_000, 1 << 20));
        assertEquals(StoreAggregate.FAILED, bad.status());
        assertEquals("read of key 0x2a returned bytes that were never written", bad.reason());
        assertNull(bad.medianMops());
        assertNull(bad.minMops());
        assertNull(bad.maxMops());
        assertEquals(1, bad.runsFailed());
        assertEquals(2, bad.runsOk());
    }

    @Test
    void ratioIsTheMedianOverTheBestOtherStoresMedianAndRowsRankFastestFirst() {
        final List<StoreAggregate> ranked = Aggregates.rank(List.of(
            row("noop", Fixtures.failed("noop", "read missed a loaded key")),
            row("reference", Fixtures.ok("reference", "in-process", 2.0, 1_000, 1 << 20)),
            row("redis", Fixtures.ok("redis", "out-of-process", 0.5, 9_000, 1 << 20)),
            row("lmdb", Fixtures.skipped("lmdb", "lmdb needs JVM flags")),
            row("chm", Fixtures.ok("chm", "in-process", 4.0, 1_000, 1 << 20))));
        assertEquals(List.of("chm", "reference", "redis", "noop", "lmdb"),
            ranked.stream().map(StoreAggregate::label).toList());
        assertEquals(2.0, ranked.get(0).ratioToBestPeer(), 1e-9, "the best leads the runner-up by 4 / 2");
        assertEquals(0.5, ranked.get(1).ratioToBestPeer(), 1e-9, "2 / 4");
        assertEquals(0.125, ranked.get(2).ratioToBestPeer(), 1e-9, "0.5 / 4");
        assertNull(ranked.get(3).ratioToBestPeer(), "a failed store has no ratio");
        assertNull(ranked.get(4).ratioToBestPeer(), "a skipped store has no ratio");
        assertTrue(ranked.get(2).outOfProcess());
        assertEquals(StoreAggregate.SKIPPED, ranked.get(4).status());
        assertEquals("lmdb needs JVM flags", ranked.get(4).reason());
    }

    @Test
    void aLoneStoreHasNoPeerToCompareWith() {
        assertNull(Aggregates.rank(List.of(row("chm", Fixtures.ok("chm", "in-process", 4.0, 1_000, 1 << 20))))
            .getFirst().ratioToBestPeer());
    }

    @Test
    void bestPerStoreKeepsTheFastestPassingConfigurationAndCountsTheGrid() {
        final List<StoreAggregate> best = Aggregates.bestPerStore(List.of(
            row("lmdb[write_map=false]", Fixtures.ok("lmdb", "in-process", 1.0, 1_000, 1 << 20)),
            row("lmdb[write_map=true]", Fixtures.ok("lmdb", "in-process", 1.5, 1_000, 1 << 20)),
            row("lmdb[write_map=huge]", Fixtures.failed("lmdb", "memory budget exceeded")),
            row("chm", Fixtures.failed("chm", "over budget"))));
        assertEquals(2, best.size());
        assertEquals("lmdb[write_map=true]", best.get(0).label());
        assertEquals(3, best.get(0).configurations());
        assertEquals(StoreAggregate.FAILED, best.get(1).status());
    }

    @Test
    void theTableShowsFailedStoresAsFailedWithTheirReasonAndOutOfProcessStoresApart() {
        final List<StoreAggregate> rows = Aggregates.rank(List.of(
            row("chm", Fixtures.ok("chm", "in-process", 4.0, 1_000, 1 << 20)),
            row("redis", Fixtures.ok("redis", "out-of-process", 0.5, 9_000, 1 << 20)),
            row("noop", Fixtures.failed("noop", "read missed a loaded key"))));
        final CompareResult r = new CompareResult(CompareResult.SCHEMA, "tiny", "tiny.yaml", "t0", "t1", 1, 2, null,
            false, CompareResult.RATIO_DEFINITION, List.of(), rows, rows, List.of());
        final String table = CompareTable.render(r);
        final int outOfProcess = table.indexOf("Out-of-process stores");
        assertTrue(outOfProcess > table.indexOf("chm") && table.indexOf("redis") > outOfProcess, table);
        assertTrue(table.contains("failed (1 of 1 runs failed): read missed a loaded key"), table);
        final String noopLine = table.lines().filter(l -> l.startsWith("noop")).findFirst().orElseThrow();
        assertFalse(noopLine.matches(".*\\d+\\.\\d{3}.*"), "no throughput figure for a failed store: " + noopLine);
        assertTrue(table.contains("8.00x"), "chm leads redis 4 / 0.5: " + table);
        assertTrue(table.contains("OTHER stores"), "the legend defines the ratio");
    }
}
