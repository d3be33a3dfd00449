package io.jitskit.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkbenchTest {

    @Test
    void aRangeStartingTooShortForAChecksumIsNarrowedToItsVerifiablePart() {
        final Spec wide = TestSpecs.small(Durability.none(), new SizeDistribution.Uniform(1, 4096), null);
        final Workbench bench = new Workbench(wide, 42);
        assertFalse(bench.valuesVerifiable(), "precondition: 1-byte values carry no checksum");

        final Workbench verifiable = bench.withVerifiableSizes();
        assertTrue(verifiable.valuesVerifiable());
        assertEquals(4096, verifiable.maxValueBytes());
        assertTrue(verifiable.minValueBytes() > 1 && verifiable.minValueBytes() < 64, "" + verifiable.minValueBytes());
        assertEquals(bench.keys().storeKey(7), verifiable.keys().storeKey(7), "same seed, same keys");
        assertSame(verifiable, verifiable.withVerifiableSizes());
    }

    @Test
    void aTraceCardsObservedSizesAreWrittenWhileAFewKeysStillSpanTheWholeBounds() {
        final SizeDistribution.FromTrace traced = new SizeDistribution.FromTrace(1, 1 << 20).withObserved(
            List.of(40, 40, 100, 700));
        final Spec card = TestSpecs.small(Durability.none(), traced, null);
        final Workbench bench = new Workbench(card, 42);
        final long keys = card.workload().keyCount();
        long fromBounds = 0;
        for (long id = 0; id < keys; id++) {
            final int size = bench.sizeOf(id, 1);
            assertTrue(size >= 1 && size <= 1 << 20, "within the card's bounds: " + size);
            fromBounds += size == 40 || size == 100 || size == 700 ? 0 : 1;
        }
        assertTrue(fromBounds > 0 && fromBounds <= 17, "about 16 keys draw from the bounds, found " + fromBounds);

        final Workbench verifiable = bench.withVerifiableSizes();
        assertTrue(verifiable.valuesVerifiable());
        for (long id = 1; id < 1_000; id++) {
            assertTrue(List.of(40, 100, 700).contains(verifiable.sizeOf(id, 1)), "the observed sizes survive "
                + "narrowing: " + verifiable.sizeOf(id, 1));
        }
    }
}
