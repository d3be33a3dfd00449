package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeDistributionTest {

    private static final SizeDistribution TRACE = new SizeDistribution.FromTrace(1, 1024);

    @Test
    void aRangeCoversEveryDistributionWithinItsBounds() {
        assertTrue(TRACE.covers(new SizeDistribution.Uniform(1, 1024)));
        assertTrue(TRACE.covers(new SizeDistribution.Uniform(10, 20)));
        assertTrue(TRACE.covers(new SizeDistribution.Fixed(1024)));
        assertTrue(TRACE.covers(new SizeDistribution.Bimodal(1, 1024, 0.5)));
        assertFalse(TRACE.covers(new SizeDistribution.Uniform(1, 1025)));
        assertFalse(TRACE.covers(new SizeDistribution.Fixed(2048)));
    }

    @Test
    void discreteSizesCoverOnlySizesAmongThem() {
        final SizeDistribution bimodal = new SizeDistribution.Bimodal(100, 1000, 0.9);
        assertTrue(bimodal.covers(new SizeDistribution.Fixed(1000)));
        assertTrue(bimodal.covers(bimodal));
        assertFalse(bimodal.covers(new SizeDistribution.Uniform(100, 1000)));
        assertFalse(bimodal.covers(new SizeDistribution.Bimodal(100, 999, 0.9)));
        final SizeDistribution fixed = new SizeDistribution.Fixed(64);
        assertTrue(fixed.covers(new SizeDistribution.Uniform(64, 64)));
        assertFalse(fixed.covers(new SizeDistribution.Uniform(64, 65)));
    }

    @Test
    void aTracesObservedSizesGiveTheMeanAndMustBeSortedWithinTheBounds() {
        final SizeDistribution.FromTrace bounds = new SizeDistribution.FromTrace(1, 1024);
        final SizeDistribution.FromTrace read = bounds.withObserved(java.util.List.of(8, 8, 100, 500));
        assertEquals(154.0, read.mean(), 1e-9, "the keys' sizes, not the bounds' midpoint");
        assertEquals(512.5, TRACE.mean(), 1e-9, "before the trace is read: the midpoint");
        assertTrue(read.covers(new SizeDistribution.Uniform(1, 1024)), "the bounds still decide what a store serves");
        assertThrows(IllegalArgumentException.class, () -> bounds.withObserved(java.util.List.of(100, 8)));
        assertThrows(IllegalArgumentException.class, () -> bounds.withObserved(java.util.List.of(2048)));
    }
}
