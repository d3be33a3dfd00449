package io.jitskit.observe.budget;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetSampleTest {

    private static final long MIB = 1 << 20;

    private static final BudgetSample SAMPLE = new BudgetSample(1_500_000_000L,
        100 * MIB, 30 * MIB, 5 * MIB, 200 * MIB, 7 * MIB, 20 * MIB, 250 * MIB, 380 * MIB, 400 * MIB, 300 * MIB, 4);

    @Test
    void chargedIsAnonymousSharedSwappedAndCachedButNotMappedFiles() {
        // 100 anon + (30 shmem - 20 counted through residency) + 5 swap + 200 store cache + 7 deleted-file cache.
        assertEquals(322 * MIB, SAMPLE.chargedBytes());
        assertEquals(SAMPLE.chargedBytes(), SAMPLE.processChargedBytes() + SAMPLE.pageCacheChargedBytes());
    }

    @Test
    void csvRowHasAColumnPerHeaderName() {
        final String[] header = BudgetSample.CSV_HEADER.split(",");
        final String[] row = SAMPLE.toCsvRow().split(",");
        assertEquals(header.length, row.length);
        assertEquals("1500.0", row[0]);
        assertEquals(Long.toString(322 * MIB), row[1]);
    }

    @Test
    void verdictNamesTheFiguresOfTheExcess() {
        final Verdict verdict = new Verdict(42, 256 * MIB, SAMPLE, SAMPLE, 3, 2_000_000, false, null);
        assertTrue(verdict.exceeded());
        assertTrue(!verdict.withinBudget());
        final String text = verdict.describe();
        assertTrue(text.startsWith("memory budget exceeded by process 42: budget 256.0 MiB"), text);
        assertTrue(text.contains("charged 322.0 MiB at +1.50 s"), text);
        assertTrue(text.contains("page cache of 4 store files 200.0 of 300.0"), text);
    }

    @Test
    void aVerdictWithoutSamplesOrWithAFailureIsNotWithinBudget() {
        assertTrue(!new Verdict(1, MIB, null, null, 0, 0, false, null).withinBudget());
        assertTrue(!new Verdict(1, 512 * MIB, null, SAMPLE, 1, 0, false, "/proc/1/status: cannot read")
            .withinBudget());
        assertTrue(new Verdict(1, 512 * MIB, null, SAMPLE, 1, 0, true, null).withinBudget());
    }
}
