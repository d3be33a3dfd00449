package io.jitskit.testsupport;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small specs built in code for tests: no parser, no files. */
public final class TestSpecs {

    /** Keys a small spec declares. Tests may use ids beyond it: keys are permuted ids, not a dense range. */
    public static final long KEY_COUNT = 100_000;

    /** Memory budget of a small spec: generous, so no store under test is squeezed by it. */
    public static final long MEMORY_BUDGET_BYTES = 1L << 30;

    private TestSpecs() {
    }

    /**
     * A spec with 8-byte keys, the given value sizes and durability, every operation required and an even mix.
     *
     * @param storageDir where the store may keep files; may be {@code null} for durability none
     */
    public static Spec small(final Durability durability, final SizeDistribution values, final Path storageDir) {
        return small(durability, values, storageDir, EnumSet.allOf(Operation.class));
    }

    /** As {@link #small(Durability, SizeDistribution, Path)}, requiring only {@code operations}. */
    public static Spec small(final Durability durability, final SizeDistribution values, final Path storageDir,
                             final Set<Operation> operations) {
        final Environment environment = new Environment(MEMORY_BUDGET_BYTES, Environment.DEFAULT_HEADROOM, 2,
            storageDir, Environment.Medium.SSD, List.of());
        final Map<Operation, Double> proportions = new EnumMap<>(Operation.class);
        operations.forEach(op -> proportions.put(op, 1.0));
        final Workload workload = new Workload(KEY_COUNT, new KeyFormat.Id8(), values, new OperationMix(proportions),
            new KeyDistribution.Uniform(), new TemporalPattern.Steady(), true, Phase.ofOperations(1_000_000), null);
        final Requirements requirements = new Requirements(operations, Requirements.Rmw.addU64(),
            Requirements.Consistency.LINEARIZABLE, durability, Requirements.Objective.throughput(),
            EnumSet.allOf(Requirements.Forbidden.class));
        return new Spec("test-" + durability.level().name().toLowerCase(Locale.ROOT), null, environment,
            workload, requirements);
    }

    /** The spec the crash drill runs: fixed {@code valueSize}-byte values, every operation. */
    public static Spec drill(final Durability durability, final int valueSize, final Path storageDir) {
        return small(durability, new SizeDistribution.Fixed(valueSize), storageDir);
    }
}
