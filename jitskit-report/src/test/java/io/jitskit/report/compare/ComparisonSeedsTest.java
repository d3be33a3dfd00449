package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ComparisonSeedsTest {

    private static CompareRequest request(final Long seed, final boolean oneSeed) {
        return new CompareRequest(Path.of("card.yaml"), StoreVariant.parseList("a,a"), 3, 2, Duration.ofSeconds(1),
            false, Path.of("out"), List.of(), seed, oneSeed);
    }

    @Test
    void roundsDrawFreshSeedsUnlessAskedForOne() {
        final LongSupplier fresh = Comparison.seeds(request(42L, false));
        final long first = fresh.getAsLong();
        assertNotEquals(first, fresh.getAsLong());
        final LongSupplier one = Comparison.seeds(request(42L, true));
        final long only = one.getAsLong();
        assertEquals(first, only, "one seed is the first the comparison would have drawn");
        assertEquals(only, one.getAsLong());
        assertEquals(only, one.getAsLong());
    }

    @Test
    void oneSeedWithoutAGivenSeedIsStillOneSeed() {
        final LongSupplier one = Comparison.seeds(request(null, true));
        final long only = one.getAsLong();
        for (int i = 0; i < 5; i++) {
            assertEquals(only, one.getAsLong());
        }
    }
}
