package io.jitskit.report.compare;

import io.jitskit.harness.bench.BenchResult;
import java.util.Objects;

/**
 * One run of a comparison, as it happened.
 *
 * @param variant  the store configuration
 * @param round    1-based round
 * @param sequence 1-based position in the order the runs were executed
 * @param seed     the round's hidden seed
 * @param result   what the harness reported
 */
public record RunRecord(StoreVariant variant, int round, int sequence, long seed, BenchResult result) {

    public RunRecord {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(result, "result");
    }
}
