package io.jitskit.baselines.common;

import io.jitskit.spec.Durability;
import io.jitskit.spec.Environment;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.Phase;
import io.jitskit.spec.Requirements;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.TemporalPattern;
import io.jitskit.spec.Workload;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small specs built in code for the adapters' own tests, until the shared test-support helpers cover them: 8-byte
 * keys, every operation required, a budget generous enough that only the property under test can fail.
 */
public final class TestSpecs {

    public static final long MIB = 1L << 20;

    private TestSpecs() {
    }

    public static Spec spec(final String name, final Path dir, final long keyCount, final SizeDistribution values,
                            final Durability durability, final long budgetBytes) {
        final Map<Operation, Double> mix = new EnumMap<>(Operation.class);
        mix.put(Operation.READ, 50.0);
        mix.put(Operation.UPSERT, 30.0);
        mix.put(Operation.RMW, 10.0);
        mix.put(Operation.DELETE, 5.0);
        mix.put(Operation.INSERT, 5.0);
        return new Spec(name, null,
            new Environment(budgetBytes, Environment.DEFAULT_HEADROOM, 2, dir, Environment.Medium.SSD, List.of()),
            new Workload(keyCount, new KeyFormat.Id8(), values, new OperationMix(mix),
                new KeyDistribution.Zipfian(KeyDistribution.DEFAULT_THETA), new TemporalPattern.Steady(), true,
                Phase.ofOperations(keyCount * 10), null),
            new Requirements(EnumSet.allOf(Operation.class), Requirements.Rmw.addU64(),
                Requirements.Consistency.LINEARIZABLE, durability, Requirements.Objective.throughput(),
                Set.of(Requirements.Forbidden.HARNESS_INTERNALS)));
    }

    /** 1 000 keys of 16 or 64 bytes, 256 MiB. */
    public static Spec small(final Path dir, final Durability durability) {
        return spec("smoke", dir, 1_000, new SizeDistribution.Bimodal(16, 64, 0.5), durability, 256 * MIB);
    }
}
