package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmark suite of CONTRACTS.md section 6, checked file by file against the table it comes from. */
class SuiteSpecsTest {

    /** One row of the table: what the full-size spec must say. */
    private record Row(String id, long keys, SizeDistribution values, Map<Operation, Double> mix,
                       KeyDistribution distribution, long budget, Durability durability) { }

    private static final long MIB = 1L << 20;
    private static final SizeDistribution HUNDRED = new SizeDistribution.Fixed(100);
    private static final KeyDistribution Z99 = new KeyDistribution.Zipfian(0.99);

    private static final List<Row> TABLE = List.of(
        new Row("ycsb-a-mem", 10_000_000, HUNDRED, mix(50, 50, 0, 0, 0), Z99, 4096 * MIB, Durability.checkpoint()),
        new Row("ycsb-b-mem", 10_000_000, HUNDRED, mix(95, 5, 0, 0, 0), Z99, 4096 * MIB, Durability.checkpoint()),
        new Row("ycsb-c-mem", 10_000_000, HUNDRED, mix(100, 0, 0, 0, 0), Z99, 4096 * MIB, Durability.checkpoint()),
        new Row("ycsb-f-mem", 10_000_000, HUNDRED, mix(50, 0, 50, 0, 0), Z99, 4096 * MIB, Durability.checkpoint()),
        new Row("w95-mem", 10_000_000, HUNDRED, mix(5, 95, 0, 0, 0), new KeyDistribution.Zipfian(0.90),
            4096 * MIB, Durability.checkpoint()),
        new Row("ycsb-a-ltm", 10_000_000, HUNDRED, mix(50, 50, 0, 0, 0), Z99, 512 * MIB, Durability.checkpoint()),
        new Row("ycsb-b-ltm", 10_000_000, HUNDRED, mix(95, 5, 0, 0, 0), Z99, 512 * MIB, Durability.checkpoint()),
        new Row("uniform-a-ltm", 10_000_000, HUNDRED, mix(50, 50, 0, 0, 0), new KeyDistribution.Uniform(),
            512 * MIB, Durability.checkpoint()),
        new Row("bimodal", 10_000_000, new SizeDistribution.Bimodal(20, 200, 0.9), mix(50, 50, 0, 0, 0), Z99,
            1024 * MIB, Durability.checkpoint()),
        new Row("large-values", 2_000_000, new SizeDistribution.Fixed(1024), mix(50, 50, 0, 0, 0), Z99,
            1024 * MIB, Durability.checkpoint()),
        new Row("ts-insert-delete", 10_000_000, HUNDRED, mix(0, 0, 0, 50, 50), new KeyDistribution.TimeOrder(),
            1024 * MIB, Durability.checkpoint()),
        new Row("ts-bursty", 10_000_000, HUNDRED, mix(5, 0, 0, 47.5, 47.5), new KeyDistribution.TimeOrder(),
            1024 * MIB, Durability.checkpoint()),
        new Row("trace-cachelib", 0, new SizeDistribution.FromTrace(1, 1024 * 1024),
            mix(98.12, 1.45, 0, 0, 0.43), SpecGrammar.TRACE_PLACEHOLDER_DISTRIBUTION, 256 * MIB, Durability.none()),
        new Row("trace-cloudphysics", 0, new SizeDistribution.FromTrace(1, 128 * 1024), mix(69.93, 30.07, 0, 0, 0),
            SpecGrammar.TRACE_PLACEHOLDER_DISTRIBUTION, 256 * MIB, Durability.none()));

    private static Map<Operation, Double> mix(final double read, final double upsert, final double rmw,
                                              final double insert, final double delete) {
        return Map.of(Operation.READ, read, Operation.UPSERT, upsert, Operation.RMW, rmw,
            Operation.INSERT, insert, Operation.DELETE, delete);
    }

    static Stream<Path> specFiles() {
        return SuiteFiles.specFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void everySpecFileParsesValidatesAndIsNamedAfterItsFile(final Path file) throws Exception {
        final Spec spec = SpecParser.parse(file);
        final String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        assertEquals(stem, spec.name(), "name inside " + file);
        assertEquals(file, spec.source());
        assertTrue(Files.readString(file).startsWith("# " + stem + ": "), file + " opens with its comment card");
        assertEquals(2, spec.environment().threads(), file.toString());
        assertEquals(Path.of("/tmp/jitskit", stem), spec.environment().storageDir(), file.toString());
    }

    @Test
    void theSuiteHoldsExactlyTheTableAndAQuickVariantOfEachRow() {
        final Set<String> expected = new TreeSet<>();
        for (final Row row : TABLE) {
            expected.add(row.id() + ".yaml");
            expected.add(row.id() + "-quick.yaml");
        }
        final Set<String> actual = new TreeSet<>();
        for (final Path p : SuiteFiles.specFiles()) {
            actual.add(p.getFileName().toString());
        }
        assertEquals(expected, actual);
    }

    @Test
    void everyFullSpecMatchesItsRowOfTheTable() throws SpecException {
        for (final Row row : TABLE) {
            final Spec spec = SpecParser.parse(SuiteFiles.specsDirectory().resolve(row.id() + ".yaml"));
            assertRow(row, spec, row.keys(), Duration.ofSeconds(30));
        }
    }

    @Test
    void everyQuickVariantIsItsFullSpecWithHundredThousandKeysAndThreeSeconds() throws SpecException {
        for (final Row row : TABLE) {
            final Spec full = SpecParser.parse(SuiteFiles.specsDirectory().resolve(row.id() + ".yaml"));
            final Spec quick = SpecParser.parse(SuiteFiles.specsDirectory().resolve(row.id() + "-quick.yaml"));
            final long keys = row.keys() == 0 ? 0 : 100_000;
            assertRow(row, quick, keys, Duration.ofSeconds(3));
            assertEquals(full.requirements(), quick.requirements(), row.id());
            assertEquals(full.workload().scaled(keys, Phase.of(Duration.ofSeconds(3))), quick.workload(), row.id());
        }
    }

    @Test
    void ycsbSpecsRequireTheFullYcsbOperationSet() throws SpecException {
        for (final Row row : TABLE) {
            if (row.id().startsWith("ycsb-")) {
                final Spec spec = SpecParser.parse(SuiteFiles.specsDirectory().resolve(row.id() + ".yaml"));
                assertEquals(EnumSet.of(Operation.READ, Operation.UPSERT, Operation.RMW, Operation.DELETE),
                    spec.requirements().operations(), row.id());
            }
        }
    }

    @Test
    void burstySpecReadsInBurstsOf64WhoseShareIsTheMixsReadShare() throws SpecException {
        final Spec spec = SpecParser.parse(SuiteFiles.specsDirectory().resolve("ts-bursty.yaml"));
        assertEquals(new TemporalPattern.Bursts(64, 1280), spec.workload().temporal());
    }

    @Test
    void traceSpecsReplayTheRealSamplesInSharedTraces() throws SpecException, IOException {
        final Spec cachelib = SpecParser.parse(SuiteFiles.specsDirectory().resolve("trace-cachelib.yaml"));
        final TraceSource c = cachelib.workload().trace();
        assertEquals(TraceSource.Format.CACHELIB_KVCACHE, c.format());
        assertEquals("meta_kvcache_kv_traces_1.csv", c.file().getFileName().toString());
        assertTrue(c.loop());
        assertTrue(Files.size(c.file()) > 0);

        final Spec cloud = SpecParser.parse(SuiteFiles.specsDirectory().resolve("trace-cloudphysics.yaml"));
        final TraceSource p = cloud.workload().trace();
        assertEquals(TraceSource.Format.ORACLE_GENERAL, p.format());
        assertTrue(p.upsertOnMiss());
        assertEquals(0, Files.size(p.file()) % 24, "oracleGeneral records are 24 bytes");
    }

    private static void assertRow(final Row row, final Spec spec, final long keys, final Duration run) {
        final Workload w = spec.workload();
        assertEquals(keys, w.keyCount(), row.id());
        assertEquals(row.values(), w.valueSizes(), row.id());
        assertEquals(SpecGrammar.normalizedMix(row.mix()), w.mix(), row.id());
        assertEquals(row.distribution(), w.distribution(), row.id());
        assertEquals(row.budget(), spec.environment().memoryBudgetBytes(), row.id());
        assertEquals(0.2, spec.environment().headroom(), row.id());
        assertEquals(row.durability(), spec.requirements().durability(), row.id());
        assertEquals(Phase.of(run), w.run(), row.id());
        if (row.keys() == 0) {
            assertInstanceOf(TraceSource.class, w.trace(), row.id());
            assertTrue(!w.load(), row.id() + " has no load phase");
        } else {
            assertNull(w.trace(), row.id());
            assertEquals(new KeyFormat.Id8(), w.keyFormat(), row.id());
            assertTrue(w.load(), row.id() + " loads its keys");
        }
    }
}
