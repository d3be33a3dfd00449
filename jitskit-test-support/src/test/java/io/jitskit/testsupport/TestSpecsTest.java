package io.jitskit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestSpecsTest {

    @Test
    void smallSpecCarriesWhatItWasGiven() {
        final SizeDistribution values = new SizeDistribution.Bimodal(20, 200, 0.9);
        final Spec spec = TestSpecs.small(Durability.checkpoint(), values, Path.of("/tmp/x"));
        assertEquals(values, spec.workload().valueSizes());
        assertEquals(Durability.checkpoint(), spec.requirements().durability());
        assertEquals(EnumSet.allOf(Operation.class), spec.requirements().operations());
        assertTrue(spec.workload().keyFormat() instanceof KeyFormat.Id8);
        assertEquals(Path.of("/tmp/x"), spec.environment().storageDir());
    }

    @Test
    void scatterIsABijectionOnASample() {
        final Set<Long> seen = new HashSet<>();
        for (long id = 0; id < 100_000; id++) {
            assertTrue(seen.add(TestKeys.scatter(id)), "collision at " + id);
        }
    }
}
