package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecWriterTest {

    @TempDir
    Path dir;

    static Stream<Path> specFiles() {
        return SuiteFiles.specFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void everySuiteSpecPrintsToYamlThatParsesBackEqual(final Path file) throws SpecException {
        final Spec spec = SpecParser.parse(file);
        final String yaml = SpecWriter.toYaml(spec);
        assertEquals(spec, SpecParser.parse(yaml, file), yaml);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void printingIsAFixedPoint(final Path file) throws SpecException {
        final String once = SpecWriter.toYaml(SpecParser.parse(file));
        assertEquals(once, SpecWriter.toYaml(SpecParser.parse(once, file)));
    }

    @Test
    void theNormalizedFormWritesEveryFieldInItsCanonicalForm() throws SpecException {
        final Path file = SuiteFiles.specsDirectory().resolve("ts-bursty.yaml");
        assertEquals("""
            name: ts-bursty
            environment:
              memory-budget: 1GiB
              headroom: 0.2
              threads: 2
              storage: {dir: /tmp/jitskit/ts-bursty, medium: ssd}
              cpu-pinning: []
            workload:
              keys: {count: 10M, format: id8}
              values: {fixed: 100}
              mix: {read: 5, delete: 47.5, insert: 47.5}
              distribution: time-order
              temporal: {bursts: {burst: 64, every: 1280}}
              load: true
              run: {duration: 30s}
            requirements:
              operations: [read, delete, insert]
              rmw: {add-u64: {initial: 0}}
              consistency: linearizable
              durability: checkpoint
              objective: throughput
              forbidden: [external-kv-library, harness-internals]
            """, SpecWriter.toYaml(SpecParser.parse(file)));
    }

    @Test
    void tracePathsArePrintedRelativeToTheSpecFile() throws SpecException {
        final Path file = SuiteFiles.specsDirectory().resolve("trace-cloudphysics.yaml");
        assertTrue(SpecWriter.toYaml(SpecParser.parse(file)).contains(
            "  trace: {file: ../../shared/traces/cloudPhysicsIO.oracleGeneral.bin, format: oracle-general, "
                + "loop: true, skip-malformed: false, upsert-on-miss: true}\n"));
    }

    @Test
    void aCardWrittenIntoAnotherDirectoryStillNamesItsTrace() throws SpecException, IOException {
        final Spec card = SpecParser.parse(SuiteFiles.specsDirectory().resolve("trace-cloudphysics.yaml"));
        final Path copy = dir.resolve("runs").resolve("deep").resolve("card.yaml");
        SpecWriter.write(card, copy);
        final Spec reread = SpecParser.parse(copy);
        assertEquals(card.workload().trace().file().toAbsolutePath().normalize(),
            reread.workload().trace().file().toAbsolutePath().normalize());
    }

    @Test
    void pathsThatArePlainYamlOnlyInPartAreQuoted() throws SpecException, IOException {
        final Path traces = Files.createDirectories(dir.resolve("odd dir: #1"));
        Files.write(traces.resolve("t \"x\".bin"), new byte[24]);
        final Spec spec = SpecParser.parse("""
            name: odd
            environment: {memory-budget: 64MiB, storage: {dir: "/tmp/a b: c"}}
            workload:
              trace: {file: "odd dir: #1/t \\"x\\".bin", format: oracle-general}
              values: {from-trace: [1, 64KiB]}
              mix: {read: 100}
            requirements: {operations: [read]}
            """, dir.resolve("odd.yaml"));
        final String yaml = SpecWriter.toYaml(spec);
        assertTrue(yaml.contains("{dir: \"/tmp/a b: c\", medium: ssd}"), yaml);
        assertEquals(spec, SpecParser.parse(yaml, dir.resolve("odd.yaml")), yaml);
    }

    /** Random valid specs, every grammar form, printed and parsed back; the seed is in every failure message. */
    @Test
    void randomSpecsRoundTrip() throws SpecException {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++) {
            final Spec spec = randomSpec(random, i);
            final String yaml = SpecWriter.toYaml(spec);
            final Spec back;
            try {
                back = SpecParser.parse(yaml, null);
            } catch (final SpecException e) {
                throw new AssertionError("seed " + seed + ", spec " + i + ": " + e.getMessage() + "\n" + yaml, e);
            }
            assertEquals(spec, back, "seed " + seed + ", spec " + i + "\n" + yaml);
        }
    }

    private static Spec randomSpec(final SplittableRandom r, final int i) throws SpecException {
        final int threads = 1 + r.nextInt(16);
        final List<Integer> pinning = new ArrayList<>();
        if (r.nextBoolean()) {
            for (int t = 0; t < threads; t++) {
                pinning.add(r.nextInt(64));
            }
        }
        final boolean storage = r.nextInt(4) != 0;
        final Environment env = new Environment((1L + r.nextInt(64)) << 30 | (r.nextBoolean() ? r.nextInt(1 << 20) : 0),
            r.nextInt(3) == 0 ? r.nextDouble(0, 0.9) : 0.2, threads, storage ? Path.of("/tmp/jitskit/r" + i) : null,
            Environment.Medium.values()[r.nextInt(4)], pinning);

        final Map<Operation, Double> weights = new EnumMap<>(Operation.class);
        for (final Operation op : Operation.values()) {
            if (op == Operation.READ || r.nextBoolean()) {
                weights.put(op, r.nextBoolean() ? (double) (1 + r.nextInt(100)) : r.nextDouble(1e-3, 100));
            }
        }
        final KeyDistribution distribution = switch (r.nextInt(6)) {
            case 0 -> new KeyDistribution.Uniform();
            case 1 -> new KeyDistribution.Zipfian(r.nextDouble(0.01, 0.999));
            case 2 -> new KeyDistribution.ScrambledZipfian(r.nextDouble(1.01, 3));
            case 3 -> new KeyDistribution.Latest(0.99);
            case 4 -> new KeyDistribution.Hotspot(r.nextDouble(0.01, 0.99), r.nextDouble(0, 1));
            default -> {
                final double side = r.nextDouble(1, 50);
                weights.put(Operation.INSERT, side);
                weights.put(Operation.DELETE, side);
                yield new KeyDistribution.TimeOrder();
            }
        };
        TemporalPattern temporal = new TemporalPattern.Steady();
        if (r.nextInt(3) == 0) {
            final int burst = 1 + r.nextInt(100);
            final int every = burst + 1 + r.nextInt(10_000);
            double others = 0;
            for (final Map.Entry<Operation, Double> e : weights.entrySet()) {
                others += e.getKey() == Operation.READ ? 0 : e.getValue();
            }
            if (others > 0) {
                // reads make exactly burst/every of the mix: read / (read + others) = burst / every
                weights.put(Operation.READ, others * burst / (every - burst));
                temporal = new TemporalPattern.Bursts(burst, every);
            }
        }
        final OperationMix mix = SpecGrammar.normalizedMix(weights);
        final SizeDistribution values = switch (r.nextInt(3)) {
            case 0 -> new SizeDistribution.Fixed(8 + r.nextInt(4096));
            case 1 -> new SizeDistribution.Uniform(8 + r.nextInt(64), 100 + r.nextInt(storage ? 1 << 20 : 4096));
            default -> new SizeDistribution.Bimodal(8 + r.nextInt(64), 100 + r.nextInt(4096), r.nextDouble(0.01, 0.99));
        };
        final KeyFormat keys = r.nextBoolean() ? new KeyFormat.Id8()
            : new KeyFormat.Variable(new SizeDistribution.Uniform(8 + r.nextInt(8), 16 + r.nextInt(256)));
        final Phase run = r.nextBoolean() ? Phase.of(Duration.ofNanos(1_000L * (1 + r.nextLong(1L << 36))))
            : Phase.ofOperations(1 + r.nextLong(1L << 40));
        final Workload workload = new Workload(1 + r.nextInt(storage ? 100_000 : 10_000), keys, values, mix,
            distribution, temporal, r.nextBoolean(), run, null);

        final Set<Operation> ops = EnumSet.of(Operation.READ);
        ops.addAll(mix.operations());
        if (r.nextBoolean()) {
            ops.add(Operation.values()[r.nextInt(Operation.values().length)]);
        }
        final Durability durability = !storage ? Durability.none() : switch (r.nextInt(4)) {
            case 0 -> Durability.none();
            case 1 -> Durability.checkpoint();
            case 2 -> {
                final Duration every = r.nextBoolean() ? null : Duration.ofMillis(1_000 + r.nextInt(60_000));
                yield Durability.checkpoint(every, every != null && r.nextBoolean() ? null
                    : Duration.ofNanos(1_000L * (1 + r.nextInt(999_999))));
            }
            default -> Durability.commit(Duration.ofMillis(1 + r.nextInt(1000)));
        };
        final Set<Requirements.Forbidden> forbidden = EnumSet.noneOf(Requirements.Forbidden.class);
        for (final Requirements.Forbidden f : Requirements.Forbidden.values()) {
            if (r.nextBoolean()) {
                forbidden.add(f);
            }
        }
        final Requirements requirements = new Requirements(ops,
            new Requirements.Rmw(Requirements.Rmw.Kind.ADD_U64, r.nextLong(Long.MAX_VALUE)),
            Requirements.Consistency.LINEARIZABLE, durability,
            r.nextBoolean() ? Requirements.Objective.throughput()
                : new Requirements.Objective(Duration.ofNanos(1_000L * (1 + r.nextInt(5_000_000)))),
            forbidden);
        final Spec spec = new Spec("r" + i, null, env, workload, requirements);
        SpecValidator.validate(spec);
        return spec;
    }

    @Test
    void aCardCompletedFromItsTraceWritesTheObservedSizesAndParsesBackWithoutTheTrace() throws SpecException {
        final Spec card = SpecParser.parse(SuiteFiles.specsDirectory().resolve("trace-cachelib.yaml"));
        final SizeDistribution.FromTrace values = (SizeDistribution.FromTrace) card.workload().valueSizes();
        final Workload observed = new Workload(52, card.workload().keyFormat(), values.withObserved(List.of(8, 87,
            14773)), card.workload().mix(), new KeyDistribution.Uniform(), new TemporalPattern.Steady(), false,
            card.workload().run(), null);
        final Spec generated = new Spec(card.name(), card.source(), card.environment(), observed, card.requirements());
        final String yaml = SpecWriter.toYaml(generated);
        assertTrue(yaml.contains("values: {from-trace: {bounds: [1, 1MiB], observed: [8, 87, 14773]}}"), yaml);
        assertEquals(generated.workload(), SpecParser.parse(yaml, dir.resolve("gate.yaml")).workload());
    }

    @Test
    void observedSizesOutOfOrderOrOutsideTheBoundsAreRefusedNamingTheField() {
        final String card = """
            name: g
            environment: {memory-budget: 64MiB, threads: 2}
            workload:
              keys: {count: 10}
              values: {from-trace: {bounds: [1, 100], observed: [5, 3]}}
              mix: {read: 50, upsert: 50}
              distribution: uniform
            requirements: {operations: [read, upsert], durability: none}
            """;
        final SpecException e = assertThrows(SpecException.class,
            () -> SpecParser.parse(card, dir.resolve("g.yaml")));
        assertTrue(e.getMessage().contains("workload.values.from-trace.observed"), e.getMessage());
        assertTrue(e.getMessage().contains("ascending order"), e.getMessage());
    }
}
