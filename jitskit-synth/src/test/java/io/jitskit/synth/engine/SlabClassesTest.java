package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.SizeDistribution;
import org.junit.jupiter.api.Test;

class SlabClassesTest {

    @Test
    void everySizeOfARangeFitsItsClassAndClassesGrowWithSize() {
        for (final SizeDistribution sizes : new SizeDistribution[] {
            new SizeDistribution.Uniform(1, 300), new SizeDistribution.Uniform(100, 200_000),
            new SizeDistribution.Uniform(1, 1 << 20), new SizeDistribution.FromTrace(9, 128 * 1024 + 255)}) {
            final SlabClasses c = SlabClasses.of(sizes, 8);
            assertTrue(c.count() <= SlabClasses.MAX_CLASSES, sizes + ": " + c.count() + " classes");
            int previous = 0;
            for (int size = Math.max(9, sizes.min()); size <= sizes.max(); size++) {
                final int cls = c.classOf(size);
                assertTrue(cls >= previous && cls < c.count(), sizes + ": size " + size + " in class " + cls);
                assertTrue(c.chunkBytes().get(cls) >= size, sizes + ": size " + size + " overflows class " + cls);
                previous = cls;
            }
            assertEquals(c.count() - 1, c.classOf(sizes.max()), sizes + ": the largest size takes the last class");
        }
    }

    @Test
    void wideRangesAreGeometricWithAtMostAThirdOfAChunkWasted() {
        final SlabClasses c = SlabClasses.of(new SizeDistribution.Uniform(1, 1 << 20), 8);
        assertEquals(SlabClasses.Kind.GEOMETRIC, c.kind());
        for (int size = 64; size <= 1 << 20; size += 61) {
            final int chunk = c.chunkBytes().get(c.classOf(size));
            assertTrue(size > chunk * 2 / 3 - 8, "size " + size + " in a chunk of " + chunk);
        }
        assertEquals(SlabClasses.Kind.LINEAR, SlabClasses.of(new SizeDistribution.Uniform(1, 300), 8).kind());
    }
}
