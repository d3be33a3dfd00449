package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.Design;
import io.jitskit.synth.engine.MemoryKnob;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogKnob;
import org.junit.jupiter.api.Test;

/** Keys, change lines and knob values of engine designs, all read through the engines' knob enums. */
class EngineBlueprintTest {

    @Test
    void aChangeNamesEveryKnobThatMovedAndNothingWhenNoneDid() throws Exception {
        final Spec spec = BlueprintJsonTest.card("change", "{fixed: 1KiB}", "none");
        final LogDesign clock = LogDesign.initial(spec).withEviction(LogDesign.Eviction.CLOCK).withCacheShare(0.4)
            .withAdmission(LogDesign.Admission.TINY_LFU);
        final LogBlueprint from = new LogBlueprint(clock);
        assertEquals("eviction: CLOCK -> NONE, admission: TINY_LFU -> ALWAYS, cacheShare: 0.4 -> 0.0",
            new LogBlueprint(clock.withEviction(LogDesign.Eviction.NONE)).changeFrom(from));
        assertEquals("cacheWays: " + clock.cacheWays() + " -> 16",
            new LogBlueprint(clock.withCacheWays(16)).changeFrom(from));
        assertEquals("", from.changeFrom(from));
        assertEquals("", from.changeFrom(new MemoryBlueprint(Design.initial(spec))), "another engine's design");
    }

    @Test
    void aKeyListsEveryKnobInOrderAndAKnobOfAnotherEngineReadsAsNaN() throws Exception {
        final Spec spec = BlueprintJsonTest.card("key", "{fixed: 100}", "none");
        final Design d = Design.initial(spec);
        final MemoryBlueprint b = new MemoryBlueprint(d);
        assertEquals("memory;slotBytes=" + d.slotBytes() + ";maxLoadFactor=" + d.maxLoadFactor() + ";keyMargin="
            + d.keyMargin() + ";indexing=" + d.indexing() + ";shards=" + d.shards() + ";checkpointMode=NONE"
            + ";claimStripes=" + d.claimStripes() + ";maxSessions=" + d.maxSessions() + ";slabPageBytes=" + d.slabPageBytes()
            + ";slabTlabBytes=" + d.slabTlabBytes() + ";logRingBytes=" + d.logRingBytes() + ";hugePages="
            + d.hugePages(), b.key());
        assertEquals(d.slotBytes(), b.knob(MemoryKnob.SLOT_BYTES));
        assertEquals(d.indexing().ordinal(), b.knob(MemoryKnob.INDEXING));
        assertEquals(d.hugePages() ? 1 : 0, b.knob(MemoryKnob.HUGE_PAGES));
        assertTrue(Double.isNaN(b.knob(LogKnob.KEY_MARGIN)), "the log engine's key margin is not this design's");
    }
}
