package io.jitskit.synth.engine;

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
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small spec cards for the engine's tests, built in code. */
final class Cards {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final Set<Operation> ALL_OPS = EnumSet.allOf(Operation.class);

    private Cards() {
    }

    static Spec spec(final String name, final long keys, final SizeDistribution values, final Set<Operation> ops,
                     final Durability durability, final long budget) {
        return spec(name, keys, values, ops, durability, budget, 2, OperationMix.readUpsert(50),
            new KeyDistribution.Zipfian(0.99));
    }

    static Spec spec(final String name, final long keys, final SizeDistribution values, final Set<Operation> ops,
                     final Durability durability, final long budget, final int threads, final OperationMix mix,
                     final KeyDistribution distribution) {
        final Environment env = new Environment(budget, 0.2, threads, null, Environment.Medium.NVME, List.of());
        final Workload w = new Workload(keys, new KeyFormat.Id8(), values, mix, distribution,
            new TemporalPattern.Steady(), true, Phase.of(Duration.ofSeconds(3)), null);
        final Requirements r = new Requirements(ops, Requirements.Rmw.addU64(),
            Requirements.Consistency.LINEARIZABLE, durability, Requirements.Objective.throughput(),
            EnumSet.allOf(Requirements.Forbidden.class));
        return new Spec(name, null, env, w, r);
    }

    /** {@code spec} with variable-length keys of {@code keySizes}. */
    static Spec withVariableKeys(final Spec spec, final SizeDistribution keySizes) {
        return spec.withWorkload(spec.workload().withKeysAndValues(new KeyFormat.Variable(keySizes),
            spec.workload().valueSizes()));
    }

    static OperationMix mix(final Map<Operation, Double> m) {
        return new OperationMix(new EnumMap<>(m));
    }

    /** The benchmark suite's in-memory card (CONTRACTS.md section 6), at a chosen key count. */
    static Spec ycsbMem(final long keys, final Durability durability) {
        return spec("ycsb-a-mem", keys, new SizeDistribution.Fixed(100), EnumSet.of(Operation.READ, Operation.UPSERT),
            durability, 4 * GIB);
    }
}
