package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
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
import io.jitskit.synth.engine.CompiledStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates, compiles and loads log stores for tests, once per (spec fields, design) per JVM; the jar goes through
 * {@code StoreFactory.fromJar}, so tests exercise exactly what the harness loads. Also builds the small spilling
 * cards the tests run on.
 */
final class LogStoreFixture {

    static final long MIB = 1L << 20;
    /** A budget whose usable part (0.8) leaves about 6 MiB after the JVM allowance: small cards spill. */
    static final long SPILLING_BUDGET = 128 * MIB;
    static final Set<Operation> ALL_OPS = EnumSet.allOf(Operation.class);

    private static final Map<String, StoreProvider> PROVIDERS = new ConcurrentHashMap<>();
    private static final Path WORK;

    static {
        try {
            WORK = Files.createTempDirectory("jitskit-log-stores");
            // Jars and sources of one test JVM are of no use to the next.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(WORK)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LogStoreFixture() {
    }

    private static void deleteTree(final Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (final Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (final IOException e) {
            // Best effort at exit: a leftover temp directory is harmless.
        }
    }

    /** The provider of the store generated for {@code spec} with its initial design. */
    static StoreProvider provider(final Spec spec) {
        return provider(spec, LogDesign.initial(spec));
    }

    static StoreProvider provider(final Spec spec, final LogDesign design) {
        // The storage directory is not baked into a store: specs differing only there share one.
        final String key = spec.withEnvironment(spec.environment().withStorageDir(null)) + "|" + design;
        return PROVIDERS.computeIfAbsent(key, k -> {
            try {
                final CompiledStore c = LogStoreSourceGenerator.generate(spec, design).compile(WORK);
                assertTrue(c.success(), () -> design.describe() + "\n" + String.join("\n", c.diagnostics()));
                return c.load();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            } catch (final StoreLoadException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        });
    }

    /** A card with 8-byte keys, the given sizes and budget, a 50:50 zipfian read/upsert mix. */
    static Spec spec(final String name, final long keys, final SizeDistribution values, final Set<Operation> ops,
                     final Durability durability, final long budget, final Path dir) {
        return spec(name, keys, values, ops, durability, budget, dir, OperationMix.readUpsert(50),
            new KeyDistribution.Zipfian(0.99));
    }

    static Spec spec(final String name, final long keys, final SizeDistribution values, final Set<Operation> ops,
                     final Durability durability, final long budget, final Path dir, final OperationMix mix,
                     final KeyDistribution distribution) {
        final Environment env = new Environment(budget, 0.2, 2, dir, Environment.Medium.SSD, List.of());
        final Workload w = new Workload(keys, new KeyFormat.Id8(), values, mix, distribution,
            new TemporalPattern.Steady(), true, Phase.ofOperations(1_000_000), null);
        final Requirements r = new Requirements(ops, Requirements.Rmw.addU64(), Requirements.Consistency.LINEARIZABLE,
            durability, Requirements.Objective.throughput(), EnumSet.allOf(Requirements.Forbidden.class));
        return new Spec(name, null, env, w, r);
    }

    static OperationMix mix(final double read, final double upsert) {
        final Map<Operation, Double> m = new EnumMap<>(Operation.class);
        m.put(Operation.READ, read);
        m.put(Operation.UPSERT, upsert);
        return new OperationMix(m);
    }

    static String name(final Durability durability) {
        return "log-" + durability.level().name().toLowerCase(Locale.ROOT);
    }
}
