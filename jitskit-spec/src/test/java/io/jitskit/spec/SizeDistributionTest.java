package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
