package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import io.jitskit.synth.engine.DesignException;
import io.jitskit.testsupport.ProjectScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The design rules on the benchmark suite's larger-than-memory cards and on small cards built here. */
class LogDesignTest {

    private static Spec suiteSpec(final String name) throws SpecException {
        return SpecParser.parse(ProjectScripts.root().resolve("specs").resolve(name + ".yaml"));
    }

    @Test
    void everyLargerThanMemorySuiteCardGetsADesignThatFitsAndSpills() throws SpecException {
        final List<String> lines = new ArrayList<>();
        for (final String name : List.of("ycsb-a-ltm", "ycsb-b-ltm", "uniform-a-ltm", "large-values",
            "ts-insert-delete", "ts-bursty", "trace-cloudphysics")) {
            final Spec spec = suiteSpec(name);
            final LogDesign d = LogDesign.initial(spec);
            lines.add(name + ": " + d.describe());
            assertTrue(d.problems().isEmpty(), name + ": " + d.problems());
            assertTrue(d.plannedBytes() + LogDesign.JVM_ALLOWANCE_BYTES <= spec.environment().usableBytes(),
                name + ": plan " + d.plannedBytes() + " over usable " + spec.environment().usableBytes());
            if (spec.workload().keyCount() > 0) {
                assertTrue(d.spills(), name + " should spill: " + d.describe());
                assertTrue(d.keyCapacity() >= spec.workload().keyCount(), name + ": capacity " + d.keyCapacity());
            }
        }
        System.out.println(String.join("\n", lines));
    }

    @Test
    void readHeavySkewedCardsGetClockWithAdmissionAndWriteOnlyCardsNoCache() throws SpecException {
        final LogDesign readHeavy = LogDesign.initial(suiteSpec("ycsb-b-ltm"));
        assertEquals(LogDesign.Eviction.CLOCK, readHeavy.eviction(), readHeavy.describe());
        assertEquals(LogDesign.Admission.TINY_LFU, readHeavy.admission(), readHeavy.describe());
        assertTrue(readHeavy.techniques().contains(LogTechnique.W_TINYLFU_ADMISSION));
        final LogDesign timeOrdered = LogDesign.initial(suiteSpec("ts-insert-delete"));
        assertFalse(timeOrdered.cached(), timeOrdered.describe());
        assertTrue(timeOrdered.techniques().contains(LogTechnique.TOMBSTONE_REUSE));
        final LogDesign uniform = LogDesign.initial(suiteSpec("uniform-a-ltm"));
        assertFalse(uniform.cached(), "a uniform mix gains nothing from a cache: " + uniform.describe());
        final Spec writeHeavy = LogStoreFixture.spec("w", 1_000_000, new SizeDistribution.Fixed(100),
            LogStoreFixture.ALL_OPS, Durability.none(), 512L << 20, null, LogStoreFixture.mix(20, 80),
            new KeyDistribution.Zipfian(0.9));
        assertEquals(LogDesign.Eviction.FIFO, LogDesign.initial(writeHeavy).eviction(),
            "reads under half the mix give no signal to rank keys by");
    }

    @Test
    void rulesReadCardFieldsNeverTheSpecName() throws SpecException {
        final Spec spec = suiteSpec("ycsb-a-ltm");
        final Spec renamed = new Spec("something-else", null, spec.environment(), spec.workload(),
            spec.requirements());
        assertEquals(LogDesign.initial(spec), LogDesign.initial(renamed));
    }

    @Test
    void outOfScopeCardsAreRefusedNamingTheField() throws SpecException {
        final DesignException variable = assertThrows(DesignException.class,
            () -> LogDesign.initial(suiteSpec("trace-cachelib")));
        assertTrue(variable.getMessage().contains("workload.keys.format"), variable.getMessage());
        final Spec commit = LogStoreFixture.spec("c", 10_000, new SizeDistribution.Fixed(100),
            LogStoreFixture.ALL_OPS, Durability.commit(Duration.ofMillis(10)), 512L << 20, null);
        final DesignException e = assertThrows(DesignException.class, () -> LogDesign.initial(commit));
        assertTrue(e.getMessage().contains("requirements.durability"), e.getMessage());
        final Spec tiny = LogStoreFixture.spec("t", 10_000_000, new SizeDistribution.Fixed(100),
            LogStoreFixture.ALL_OPS, Durability.none(), 256L << 20, null);
        final DesignException tooSmall = assertThrows(DesignException.class, () -> LogDesign.initial(tiny));
        assertTrue(tooSmall.getMessage().contains("memory_budget"), tooSmall.getMessage());
    }

    @Test
    void neighboursChangeOneKnobAndAllFit() throws SpecException {
        final LogDesign d = LogDesign.initial(suiteSpec("ycsb-b-ltm"));
        final List<LogDesign> neighbours = d.neighbours();
        assertTrue(neighbours.size() >= 8, "neighbours: " + neighbours.size());
        for (final LogDesign n : neighbours) {
            assertNotEquals(d, n);
            assertTrue(n.problems().isEmpty(), n.describe() + ": " + n.problems());
            int changed = 0;
            changed += n.indexLoadFactor() != d.indexLoadFactor() ? 1 : 0;
            changed += n.eviction() != d.eviction() ? 1 : 0;
            changed += n.admission() != d.admission() && n.eviction() == d.eviction() ? 1 : 0;
            changed += n.cacheShare() != d.cacheShare() && n.eviction() == d.eviction() ? 1 : 0;
            changed += n.cacheWays() != d.cacheWays() ? 1 : 0;
            changed += n.cacheValueBytes() != d.cacheValueBytes() && n.eviction() == d.eviction() ? 1 : 0;
            changed += n.pageBytes() != d.pageBytes() ? 1 : 0;
            changed += n.segmentBytes() != d.segmentBytes() ? 1 : 0;
            changed += n.compactLiveFraction() != d.compactLiveFraction() ? 1 : 0;
            assertEquals(1, changed, "one knob: " + d.describe() + " -> " + n.describe());
        }
    }

    /**
     * ts-bursty's 11.25M-key index rounds to 2^24 slots at loads 0.7, 0.8 and 0.9 alike: a synthesis spent an
     * iteration on 0.8, measured the same store again and "accepted" the noise. A load step is offered only when it
     * changes the table.
     */
    @Test
    void aLoadFactorStepThatRoundsToTheSameIndexIsNotANeighbour() throws SpecException {
        final LogDesign d = LogDesign.initial(suiteSpec("ts-bursty"));
        final LogDesign up = d.withIndexLoadFactor(Math.round((d.indexLoadFactor() + 0.1) * 100) / 100.0);
        assertEquals(d.indexSlots(), up.indexSlots(), "the premise: " + d.describe() + " vs " + up.describe());
        for (final LogDesign n : d.neighbours()) {
            if (n.indexLoadFactor() != d.indexLoadFactor()) {
                assertNotEquals(d.indexSlots(), n.indexSlots(), "a load step that sizes the same index: "
                    + d.describe() + " -> " + n.describe());
            }
        }
        assertTrue(d.neighbours().stream().anyMatch(n -> n.indexLoadFactor() < d.indexLoadFactor()),
            "the step down doubles the table and stays: " + d.neighbours());
    }

    /**
     * trace-cloudphysics allows values of 1 B..128 KiB in 256 MiB: entries sized for 128 KiB left its read-heavy
     * trace fewer than 1,024 of them, so it got no cache at all. Entries now bound the cached values instead.
     */
    @Test
    void aWideValueRangeGetsACacheOfEntriesForItsSmallerValues() throws SpecException {
        final Spec spec = suiteSpec("trace-cloudphysics");
        final LogDesign d = LogDesign.initial(spec);
        assertTrue(d.cached(), d.describe());
        assertTrue(d.cacheEntries() >= LogDesign.MIN_CACHE_ENTRIES, d.describe());
        assertTrue(d.cacheValueBytes() < spec.workload().valueSizes().max(), d.describe());
        assertTrue(d.cacheValueBytes() * 2L > spec.workload().valueSizes().max() / 64, "not shrunk further than"
            + " needed: " + d.describe());
        assertTrue(d.withCacheValueBytes(d.cacheValueBytes() * 2).cacheEntries() < LogDesign.MIN_CACHE_ENTRIES,
            "the largest bound that still gives a cache: " + d.describe());
        assertTrue(d.neighbours().stream().anyMatch(n -> n.cacheValueBytes() == d.cacheValueBytes() / 2),
            "the planner can trade value coverage for entries");
        final IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
            () -> d.withCacheValueBytes(spec.workload().valueSizes().max() + 1));
        assertTrue(outside.getMessage().contains("cacheValueBytes"), outside.getMessage());
        final LogDesign narrow = LogDesign.initial(suiteSpec("ycsb-b-ltm"));
        assertEquals(suiteSpec("ycsb-b-ltm").workload().valueSizes().max(), narrow.cacheValueBytes(),
            "a card whose largest value fits entries enough caches every value: " + narrow.describe());
    }

    @Test
    void inlineValuesOnlyWithoutDelete() {
        final Spec tinyValues = LogStoreFixture.spec("tiny", 10_000, new SizeDistribution.Uniform(1, 100),
            java.util.EnumSet.of(io.jitskit.spec.Operation.READ, io.jitskit.spec.Operation.UPSERT),
            Durability.none(), LogStoreFixture.SPILLING_BUDGET, null);
        assertTrue(LogDesign.initial(tinyValues).inlines());
        final Spec withDelete = LogStoreFixture.spec("tiny-del", 10_000, new SizeDistribution.Uniform(1, 100),
            LogStoreFixture.ALL_OPS, Durability.none(), LogStoreFixture.SPILLING_BUDGET, null);
        assertFalse(LogDesign.initial(withDelete).inlines(), "a reused slot would make inline metas ABA-prone");
    }
}
