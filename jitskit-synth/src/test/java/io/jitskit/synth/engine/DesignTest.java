package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The design rules on the benchmark suite's cards (CONTRACTS.md section 6) and the mutation hooks. */
class DesignTest {

    private static final EnumSet<Operation> READ_UPSERT = EnumSet.of(Operation.READ, Operation.UPSERT);

    @Test
    void ycsbInMemoryCardsInlineEveryValueAndFitTheBudget() {
        final Design d = Design.initial(Cards.ycsbMem(10_000_000, Durability.checkpoint()));
        assertTrue(d.allInline(), d.describe());
        assertEquals(16 + 104, d.slotBytes());
        assertTrue(d.fits() && d.estimatedBytes() <= 0.85 * d.facts().usableBytes(), d.describe());
        assertTrue(d.loadFactor() <= 0.87, d.describe());
        assertTrue(d.techniques().contains(Technique.QUIESCE_CHECKPOINT));
        assertFalse(d.techniques().contains(Technique.SLAB_VALUES));
    }

    @Test
    void bimodalInlinesTheSmallModeAndSlabsTheLargeOne() {
        final Spec bimodal = Cards.spec("bimodal", 10_000_000, new SizeDistribution.Bimodal(20, 200, 0.9),
            READ_UPSERT, Durability.checkpoint(), Cards.GIB);
        final Design d = Design.initial(bimodal);
        assertEquals(24, d.inlineBytes(), d.describe());
        assertTrue(d.someInline() && d.usesSlab());
        assertEquals(1, d.slabClasses().count(), "only the 200-byte mode goes to the slab");
        assertTrue(d.fits(), d.describe());
    }

    @Test
    void dataLargerThanTheUsableBudgetIsRefusedWithFigures() {
        final Spec large = Cards.spec("large-values", 2_000_000, new SizeDistribution.Fixed(1024), READ_UPSERT,
            Durability.checkpoint(), Cards.GIB);
        final DesignException e = assertThrows(DesignException.class, () -> Design.initial(large));
        assertTrue(e.getMessage().startsWith("data does not fit the usable budget: 2,000,000 keys"), e.getMessage());
        assertTrue(e.getMessage().contains("usable 819.2 MiB"), e.getMessage());
        final Spec tsWindow = Cards.spec("ts", 10_000_000, new SizeDistribution.Fixed(100),
            EnumSet.of(Operation.READ, Operation.INSERT, Operation.DELETE), Durability.checkpoint(), Cards.GIB, 2,
            Cards.mix(Map.of(Operation.INSERT, 50.0, Operation.DELETE, 50.0)), new KeyDistribution.TimeOrder());
        assertThrows(DesignException.class, () -> Design.initial(tsWindow));
    }

    @Test
    void slabMemoryIsEstimatedInWholePagesSoAOneGibPageDoesNotFitAGibBudget() {
        // ValueSlab allocates a page at a time; the estimate counted only the chunks, so a design with 1 GiB pages
        // "fit" 819 MiB usable at a few MiB and its store allocated 1 GiB on the first slab value (DesignLatticeTest).
        final Spec spec = Cards.spec("pages", 2_000, new SizeDistribution.Uniform(8, 300), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        final Design d = Design.initial(spec).withInlineValues(false);
        assertTrue(d.usesSlab() && d.fits(), d.describe());
        assertEquals(0, d.estimatedSlabBytes() % d.slabPageBytes(), "whole pages");
        final Design huge = d.withSlab(1 << 30, 1 << 18);
        assertTrue(huge.estimatedSlabBytes() >= 1L << 30, huge.describe());
        assertFalse(huge.fits(), huge.describe());
    }

    @Test
    void aVariableKeyDesignWithAWiderSlotIsAProblemNotAStoreThatReadsValueBytesAsAChunkReference() {
        // A design set by knob (design JSON, a directive) can widen the slot; the coder has no inline path for variable
        // keys, and such a store read inline value bytes as a slab reference (DesignLatticeTest found it).
        final Spec variable = Cards.withVariableKeys(Cards.ycsbMem(1_000, Durability.none()),
            new SizeDistribution.Uniform(8, 32));
        final Design d = Design.initial(variable);
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        for (final int slot : new int[] {32, 64, 128}) {
            final Design wider = d.withSlotBytes(slot);
            assertTrue(wider.problems().stream().anyMatch(p -> p.contains("variable-length keys need 24-byte slots")),
                slot + ": " + wider.problems());
            assertThrows(IllegalArgumentException.class, () -> StoreSourceGenerator.generate(variable, wider));
        }
    }

    @Test
    void variableKeysLiveInChunksWithTheirValuesAndAreRefusedWithCommitDurability() {
        final Spec variable = Cards.withVariableKeys(Cards.ycsbMem(1_000, Durability.none()),
            new SizeDistribution.Uniform(8, 32));
        final Design d = Design.initial(variable);
        assertEquals(Design.SLOT_HEADER_BYTES + Long.BYTES, d.slotBytes(), "a tag and a chunk reference per slot");
        assertFalse(d.someInline());
        assertTrue(d.techniques().contains(Technique.KEY_TAG_AND_FULL_KEY_IN_CHUNK));
        assertFalse(d.techniques().contains(Technique.FULL_KEY_IN_SLOT));
        assertTrue(d.neighbours().stream().allMatch(n -> n.slotBytes() == d.slotBytes()), "nothing goes inline");

        final Spec checkpointed = Cards.withVariableKeys(Cards.ycsbMem(1_000, Durability.checkpoint()),
            new SizeDistribution.Uniform(8, 32));
        assertTrue(Design.initial(checkpointed).techniques().contains(Technique.KEY_TAG_AND_FULL_KEY_IN_CHUNK));
        final Spec committed = Cards.withVariableKeys(Cards.ycsbMem(1_000,
            Durability.commit(java.time.Duration.ofMillis(10))), new SizeDistribution.Uniform(8, 32));
        final DesignException e = assertThrows(DesignException.class, () -> Design.initial(committed));
        assertTrue(e.getMessage().contains("workload.keys.format"), e.getMessage());
    }

    @Test
    void rulesReadCardFieldsNeverTheSpecName() {
        final Spec a = Cards.spec("ycsb-a-mem", 1_000_000, new SizeDistribution.Fixed(100), READ_UPSERT,
            Durability.checkpoint(), 4 * Cards.GIB);
        final Spec b = Cards.spec("anything-else", 1_000_000, new SizeDistribution.Fixed(100), READ_UPSERT,
            Durability.checkpoint(), 4 * Cards.GIB);
        assertEquals(Design.initial(a), Design.initial(b));
        final Spec c = Cards.spec("ycsb-a-mem", 1_000_000, new SizeDistribution.Fixed(100), READ_UPSERT,
            Durability.checkpoint(), 256 * Cards.MIB);
        assertNotEquals(Design.initial(a), Design.initial(c), "a smaller budget changes the design");
    }

    @Test
    void neighboursVaryOneKnobAndAllFit() {
        final Spec spec = Cards.spec("n", 100_000, new SizeDistribution.Bimodal(20, 200, 0.9), Cards.ALL_OPS,
            Durability.checkpoint(), Cards.GIB);
        final Design d = Design.initial(spec);
        final var next = d.neighbours();
        assertTrue(next.size() >= 6, next.toString());
        for (final Design n : next) {
            assertTrue(n.problems().isEmpty(), n.describe());
            assertNotEquals(d, n);
            int changed = 0;
            changed += n.slotBytes() != d.slotBytes() ? 1 : 0;
            changed += n.maxLoadFactor() != d.maxLoadFactor() ? 1 : 0;
            changed += n.indexing() != d.indexing() ? 1 : 0;
            changed += n.shards() != d.shards() ? 1 : 0;
            changed += n.checkpointMode() != d.checkpointMode() ? 1 : 0;
            changed += n.claimStripes() != d.claimStripes() ? 1 : 0;
            changed += n.hugePages() != d.hugePages() ? 1 : 0;
            assertEquals(1, changed, n.describe());
        }
        assertTrue(next.stream().anyMatch(n -> n.slotBytes() != d.slotBytes()), "inline toggle offered");
        assertFalse(d.describe().isBlank());
    }

    /**
     * A load step that rounds to the same power-of-two table (and compaction bound) is the same store, and a
     * synthesis would measure it again as if it were new: each direction offers the first load that changes the table.
     */
    @Test
    void aLoadStepIsOfferedOnlyWhenItChangesTheTable() {
        int skipped = 0;
        for (final long keys : new long[] {1_000, 100_000, 200_000, 1_000_000, 10_000_000}) {
            for (final Set<Operation> ops : List.of(READ_UPSERT, Cards.ALL_OPS)) {
                final Design d = Design.initial(Cards.spec("load", keys, new SizeDistribution.Fixed(100), ops,
                    Durability.checkpoint(), 8 * Cards.GIB));
                for (final int step : new int[] {-10, 10}) {
                    Design expected = null;
                    for (int load = (int) Math.round(d.maxLoadFactor() * 100) + step; load >= 50 && load <= 90;
                         load += step) {
                        final Design n = d.withMaxLoadFactor(load / 100.0);
                        if (n.slotCount() != d.slotCount() || n.maxUsedSlotsPerShard() != d.maxUsedSlotsPerShard()) {
                            expected = n;
                            break;
                        }
                        skipped++;
                    }
                    final String where = keys + " keys, " + ops + ", step " + step + ": " + d.describe();
                    for (final Design n : d.neighbours()) {
                        if (Math.signum(n.maxLoadFactor() - d.maxLoadFactor()) == Math.signum(step)) {
                            assertEquals(expected, n, where);
                        }
                    }
                    if (expected != null && expected.problems().isEmpty()) {
                        assertTrue(d.neighbours().contains(expected), where + " -> " + expected.describe());
                    }
                }
            }
        }
        assertTrue(skipped > 0, "no card rounded two loads to one table; the test checks nothing");
    }

    @Test
    void aTableBeyondTheTlbsReachStartsOnHugePagesAndTheToggleIsANeighbour() {
        final Design large = Design.initial(Cards.ycsbMem(10_000_000, Durability.checkpoint()));
        assertTrue(large.tableBytes() >= Design.HUGE_PAGES_FROM_BYTES && large.hugePages(), large.describe());
        assertTrue(large.techniques().contains(Technique.HUGE_PAGE_TABLE));
        assertTrue(large.describe().contains("huge pages"), large.describe());
        assertTrue(large.neighbours().contains(large.withHugePages(false)), "the planner can measure 4 KiB pages");
        final Design small = Design.initial(Cards.ycsbMem(1_000, Durability.checkpoint()));
        assertFalse(small.hugePages(), "a table the TLB covers gains nothing: " + small.describe());
    }

    @Test
    void techniqueConditionsReadTheCard() {
        final Spec noDelete = Cards.ycsbMem(1_000, Durability.none());
        assertFalse(Technique.TOMBSTONE_REUSE.appliesTo(noDelete));
        assertFalse(Technique.QUIESCE_CHECKPOINT.appliesTo(noDelete));
        assertTrue(Technique.OPEN_ADDRESSING_GROUPS.appliesTo(noDelete));
        for (final Technique t : Technique.values()) {
            assertFalse(t.rationale().isBlank() || t.appliesWhen().isBlank(), t.name());
        }
    }

    @Test
    void generationIsDeterministic() {
        final Spec spec = Cards.spec("det", 10_000, new SizeDistribution.Uniform(1, 300), Cards.ALL_OPS,
            Durability.commit(java.time.Duration.ofMillis(10)), Cards.GIB);
        final Design d = Design.initial(spec);
        assertEquals(StoreSourceGenerator.generate(spec, d), StoreSourceGenerator.generate(spec, d));
        final String store = StoreSourceGenerator.generate(spec, d).source("StoreConfig.java");
        for (final String section : new String[] {"Layout", "Concurrency", "Durability & recovery",
            "Spec-card fields exploited", "Assumptions & guarantees"}) {
            assertTrue(store.contains(" * " + section + "\n"), "essay section " + section);
        }
        assertTrue(store.startsWith("/*\n"), "the unit opens with the essay");
    }

    @Test
    void aTraceCardIsPlannedFromWhatItsTraceHoldsNotFromItsBounds() {
        // 20K keys under 256 MiB with values bounded 1 B..1 MiB: at the bounds' midpoint they need ~10 GiB; the trace
        // was seen to hold 8 B..15 KB values (mean 3 KB) and 21..116-B keys: about 70 MB of keys and values.
        final SizeDistribution.FromTrace valueBounds = new SizeDistribution.FromTrace(1, 1 << 20);
        final SizeDistribution.FromTrace keyBounds = new SizeDistribution.FromTrace(16, 255);
        final Spec bounds = Cards.withVariableKeys(Cards.spec("traced", 20_000, valueBounds,
            EnumSet.of(Operation.READ, Operation.UPSERT, Operation.DELETE), Durability.none(), 256 * Cards.MIB),
            keyBounds);
        assertThrows(DesignException.class, () -> Design.initial(bounds), "the bounds alone do not fit");

        final List<Integer> values = new java.util.ArrayList<>();
        final List<Integer> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            values.add(8 + (int) (15_000 * Math.pow(i / 1024.0, 4)));
            keys.add(21 + i * 95 / 1024);
        }
        final Spec observed = Cards.withVariableKeys(Cards.spec("traced", 20_000, valueBounds.withObserved(values),
            EnumSet.of(Operation.READ, Operation.UPSERT, Operation.DELETE), Durability.none(), 256 * Cards.MIB),
            keyBounds.withObserved(keys));
        final Design d = Design.initial(observed);
        assertTrue(d.estimatedBytes() < 128 * Cards.MIB, d.describe());
        assertEquals(1 << 20, d.facts().valueSizes().max(), "the store still serves every size the card allows");
        final SizeDistribution chunks = d.facts().slabSizes();
        assertEquals(16 + 1, chunks.min());
        assertEquals(255 + (1 << 20), chunks.max());
        assertTrue(chunks.mean() > 21 + 8 && chunks.mean() < 116 + 15_000, "a key and a value: " + chunks.mean());
    }
}
