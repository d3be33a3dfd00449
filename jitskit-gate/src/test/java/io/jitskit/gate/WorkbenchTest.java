package io.jitskit.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestSpecs;
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
}
