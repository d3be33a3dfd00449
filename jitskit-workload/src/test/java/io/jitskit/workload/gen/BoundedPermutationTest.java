package io.jitskit.workload.gen;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedPermutationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 1000, 1024, 1025, 65_537})
    void isABijectionOnItsDomain(final long n) {
        final long seed = 99 + n;
        final BoundedPermutation p = new BoundedPermutation(n, seed);
        final BitSet seen = new BitSet();
        for (long x = 0; x < n; x++) {
            final long y = p.apply(x);
            assertTrue(y >= 0 && y < n, "n " + n + " seed " + seed + ": " + x + " -> " + y);
            assertFalse(seen.get((int) y), "n " + n + " seed " + seed + ": " + y + " hit twice");
            seen.set((int) y);
        }
    }
}
