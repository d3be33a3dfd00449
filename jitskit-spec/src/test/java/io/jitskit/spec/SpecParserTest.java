package io.jitskit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {

    private static final Path FILE = Path.of("spec.yaml");

    @TempDir
    Path dir;

    @Test
    void aMinimalCardGetsEveryDefault() throws SpecException {
        final Spec spec = SpecParser.parse("""
            name: minimal
            environment: {memory-budget: 1GiB}
            workload:
              keys: {count: 1K}
              values: {fixed: 16}
              mix: {read: 100}
              distribution: uniform
            requirements: {operations: [read]}
            """, FILE);
        final Environment env = spec.environment();
        assertEquals(1L << 30, env.memoryBudgetBytes());
        assertEquals(0.2, env.headroom());
        assertEquals(2, env.threads());
        assertNull(env.storageDir());
        assertEquals(Environment.Medium.SSD, env.medium());
        assertEquals(List.of(), env.cpuPinning());
        final Workload w = spec.workload();
        assertEquals(1000, w.keyCount());
        assertEquals(new KeyFormat.Id8(), w.keyFormat());
        assertEquals(new TemporalPattern.Steady(), w.temporal());
        assertEquals(true, w.load());
        assertEquals(Phase.of(Duration.ofSeconds(30)), w.run());
        assertNull(w.trace());
        final Requirements r = spec.requirements();
        assertEquals(Requirements.Rmw.addU64(), r.rmw());
        assertEquals(Requirements.Consistency.LINEARIZABLE, r.consistency());
        assertEquals(Durability.none(), r.durability());
        assertEquals(Requirements.Objective.throughput(), r.objective());
        assertEquals(EnumSet.allOf(Requirements.Forbidden.class), r.forbidden());
        assertEquals(FILE, spec.source());
    }

    @Test
    void everyExplicitFormIsRead() throws SpecException {
        final Spec spec = SpecParser.parse("""
            name: full.card_1
            description: every field written out
            environment:
              memory-budget: 1.5GiB
              headroom: 0.25
              threads: 4
              storage: {dir: /tmp/jitskit/full, medium: nvme}
              cpu-pinning: [0, 1, 2, 3]
            workload:
              keys: {count: 2_500K, format: {variable: {uniform: [16, 64]}}}
              values: {bimodal: {small: 20, large: 2KiB, small-weight: 0.75}}
              mix: {read: 0.5, upsert: 0.25, rmw: 0.25}
              distribution: {hotspot: {hot-set: 0.1, hot-ops: 0.9}}
              temporal: {bursts: {burst: 10, every: 20}}
              load: false
              run: {operations: 1.5M}
            requirements:
              operations: [rmw, read, upsert]
              rmw: {add-u64: {initial: 7}}
              consistency: linearizable
              durability: {commit: 5ms}
              objective: {throughput: {p99-under: 250us}}
              forbidden: []
            """, FILE);
        final Environment env = spec.environment();
        assertEquals(3L << 29, env.memoryBudgetBytes());
        assertEquals(0.25, env.headroom());
        assertEquals(4, env.threads());
        assertEquals(Path.of("/tmp/jitskit/full"), env.storageDir());
        assertEquals(Environment.Medium.NVME, env.medium());
        assertEquals(List.of(0, 1, 2, 3), env.cpuPinning());
        final Workload w = spec.workload();
        assertEquals(2_500_000, w.keyCount());
        assertEquals(new KeyFormat.Variable(new SizeDistribution.Uniform(16, 64)), w.keyFormat());
        assertEquals(new SizeDistribution.Bimodal(20, 2048, 0.75), w.valueSizes());
        assertEquals(new OperationMix(Map.of(Operation.READ, 2.0, Operation.UPSERT, 1.0, Operation.RMW, 1.0)),
            w.mix());
        assertEquals(new KeyDistribution.Hotspot(0.1, 0.9), w.distribution());
        assertEquals(new TemporalPattern.Bursts(10, 20), w.temporal());
        assertEquals(false, w.load());
        assertEquals(Phase.ofOperations(1_500_000), w.run());
        final Requirements r = spec.requirements();
        assertEquals(EnumSet.of(Operation.READ, Operation.UPSERT, Operation.RMW), r.operations());
        assertEquals(new Requirements.Rmw(Requirements.Rmw.Kind.ADD_U64, 7), r.rmw());
        assertEquals(Durability.commit(Duration.ofMillis(5)), r.durability());
        assertEquals(new Requirements.Objective(Duration.ofNanos(250_000)), r.objective());
        assertEquals(EnumSet.noneOf(Requirements.Forbidden.class), r.forbidden());
    }

    @Test
    void bareSkewedDistributionsTakeYcsbsTheta() throws SpecException {
        for (final String word : List.of("zipfian", "scrambled-zipfian", "latest")) {
            final KeyDistribution d = parseWithDistribution(word).workload().distribution();
            final KeyDistribution expected = switch (word) {
                case "zipfian" -> new KeyDistribution.Zipfian(0.99);
                case "scrambled-zipfian" -> new KeyDistribution.ScrambledZipfian(0.99);
                default -> new KeyDistribution.Latest(0.99);
            };
            assertEquals(expected, d, word);
        }
    }

    @Test
    void checkpointBoundsAreCarriedAndPrintedBack() throws SpecException {
        final String card = """
            name: c
            environment: {memory-budget: 1GiB, storage: {dir: /tmp/jitskit/c}}
            workload: {keys: {count: 1K}, values: {fixed: 8}, mix: {read: 100}, distribution: uniform}
            requirements: {operations: [read], durability: %s}
            """;
        final Spec both = SpecParser.parse(card.formatted("{checkpoint: {every: 1s, max-writer-pause: 10ms}}"), FILE);
        final Durability d = both.requirements().durability();
        assertEquals(Durability.Level.CHECKPOINT, d.level());
        assertEquals(Duration.ofSeconds(1), d.checkpointEvery());
        assertEquals(Duration.ofMillis(10), d.maxWriterPause());
        assertTrue(d.boundsWriterPause());
        assertTrue(d.satisfies(d) && Durability.checkpoint().satisfies(d), "a bound is measured, not claimed");
        assertEquals(d, SpecParser.parse(SpecWriter.toYaml(both), FILE).requirements().durability());

        final Durability pauseOnly = SpecParser.parse(card.formatted("{checkpoint: {max-writer-pause: 5ms}}"), FILE)
            .requirements().durability();
        assertEquals(Durability.checkpoint(null, Duration.ofMillis(5)), pauseOnly);
        final Durability bare = SpecParser.parse(card.formatted("checkpoint"), FILE).requirements().durability();
        assertEquals(Durability.checkpoint(), bare);
        assertFalse(bare.boundsWriterPause(), "a card without the field keeps today's meaning");
    }

    @Test
    void bareCommitTakesTheDefaultGroupCommitInterval() throws SpecException {
        final Spec spec = SpecParser.parse("""
            name: c
            environment: {memory-budget: 1GiB, storage: {dir: /tmp/jitskit/c}}
            workload: {keys: {count: 1K}, values: {fixed: 8}, mix: {read: 100}, distribution: uniform}
            requirements: {operations: [read], durability: commit}
            """, FILE);
        assertEquals(Durability.commit(Durability.DEFAULT_GROUP_COMMIT_INTERVAL), spec.requirements().durability());
    }

    @Test
    void cardsInTheirOwnFilesResolveAgainstTheReferringFile() throws IOException, SpecException {
        final Path cards = Files.createDirectories(dir.resolve("cards"));
        Files.writeString(cards.resolve("big.environment.yaml"), "memory-budget: 8GiB\nthreads: 8\n");
        Files.writeString(cards.resolve("reads.workload.yaml"), """
            keys: {count: 1M}
            values: {fixed: 100}
            mix: {read: 100}
            distribution: uniform
            """);
        final Path specs = Files.createDirectories(dir.resolve("specs"));
        final Path specFile = specs.resolve("ref.yaml");
        Files.writeString(specFile, """
            name: ref
            environment: {file: ../cards/big.environment.yaml}
            workload: {file: ../cards/reads.workload.yaml}
            requirements: {operations: [read]}
            """);
        final Spec spec = SpecParser.parse(specFile);
        assertEquals(8L << 30, spec.environment().memoryBudgetBytes());
        assertEquals(8, spec.environment().threads());
        assertEquals(1_000_000, spec.workload().keyCount());
    }

    @Test
    void errorsInsideAReferencedCardNameThatFileAndLine() throws IOException {
        final Path card = dir.resolve("w.yaml");
        Files.writeString(card, """
            keys: {count: 1M}
            values: {fixed: 100}
            mix: {read: 100}
            distribution: zipfan
            """);
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("""
            name: ref
            environment: {memory-budget: 1GiB}
            workload: {file: w.yaml}
            requirements: {operations: [read]}
            """, dir.resolve("spec.yaml")));
        assertEquals(card + ":4: workload.distribution: unknown distribution 'zipfan'; use one of: uniform, "
            + "zipfian, scrambled-zipfian, latest, hotspot, time-order", e.getMessage());
    }

    @Test
    void aMissingReferencedCardIsAnErrorAtTheReference() {
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("""
            name: ref
            environment: {file: nowhere.yaml}
            workload: {keys: {count: 1K}, values: {fixed: 8}, mix: {read: 100}, distribution: uniform}
            requirements: {operations: [read]}
            """, dir.resolve("spec.yaml")));
        assertEquals(dir.resolve("spec.yaml") + ":2: environment.file: cannot read card file "
            + dir.resolve("nowhere.yaml") + " (no such file); check the path; it is relative to the directory of "
            + dir.resolve("spec.yaml"), e.getMessage());
    }

    @Test
    void referencesDoNotChain() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "file: b.yaml\n");
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("""
            name: ref
            environment: {file: a.yaml}
            workload: {keys: {count: 1K}, values: {fixed: 8}, mix: {read: 100}, distribution: uniform}
            requirements: {operations: [read]}
            """, dir.resolve("spec.yaml")));
        assertEquals(dir.resolve("a.yaml") + ":1: environment: a referenced card may not refer to another file; "
            + "put the card's fields here", e.getMessage());
    }

    @Test
    void traceFilesResolveAgainstTheSpecDirectory() throws IOException, SpecException {
        final Path traces = Files.createDirectories(dir.resolve("traces"));
        Files.write(traces.resolve("t.bin"), new byte[24]);
        final Path specFile = Files.createDirectories(dir.resolve("specs")).resolve("t.yaml");
        final Spec spec = SpecParser.parse("""
            name: t
            environment: {memory-budget: 64MiB}
            workload:
              trace: {file: ../traces/t.bin, format: oracle-general, upsert-on-miss: true}
              values: {from-trace: [1, 64KiB]}
              mix: {read: 70, upsert: 30}
            requirements: {operations: [read, upsert]}
            """, specFile);
        final Workload w = spec.workload();
        assertEquals(new TraceSource(traces.resolve("t.bin"), TraceSource.Format.ORACLE_GENERAL, false, false, true),
            w.trace());
        assertEquals(0, w.keyCount());
        assertEquals(false, w.load());
        assertEquals(SpecGrammar.TRACE_PLACEHOLDER_DISTRIBUTION, w.distribution());
    }

    @Test
    void aTraceRefusesALoadPhase() {
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("""
            name: t
            environment: {memory-budget: 64MiB}
            workload:
              trace: {file: t.bin, format: oracle-general}
              values: {from-trace: [1, 64KiB]}
              mix: {read: 100}
              load: true
            requirements: {operations: [read]}
            """, FILE));
        assertEquals("spec.yaml:7: workload.load: a trace workload has no load phase: its keys are known only to the "
            + "trace; write load: false or remove it", e.getMessage());
    }

    @Test
    void aWorkloadCardMayImportYcsbAndReplaceItsRun() throws IOException, SpecException {
        Files.writeString(dir.resolve("workloadb"), "recordcount=1000\noperationcount=1000\n"
            + "readproportion=0.95\nupdateproportion=0.05\nrequestdistribution=zipfian\n");
        final Spec spec = SpecParser.parse("""
            name: yb
            environment: {memory-budget: 1GiB}
            workload: {ycsb: workloadb, run: {duration: 10s}}
            requirements: {operations: [read, upsert]}
            """, dir.resolve("yb.yaml"));
        assertEquals(1000, spec.workload().keyCount());
        assertEquals(Phase.of(Duration.ofSeconds(10)), spec.workload().run());
        assertEquals(new KeyDistribution.ScrambledZipfian(0.99), spec.workload().distribution());
    }

    @Test
    void crossCardErrorsAboutAnImportedWorkloadPointAtTheImport() throws IOException {
        Files.writeString(dir.resolve("workloadf"), "recordcount=1000\nreadproportion=0.5\nupdateproportion=0\n"
            + "readmodifywriteproportion=0.5\n");
        final SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("""
            name: yf
            environment: {memory-budget: 1GiB}
            workload: {ycsb: workloadf}
            requirements: {operations: [read]}
            """, dir.resolve("yf.yaml")));
        assertEquals(dir.resolve("yf.yaml") + ":3: workload.mix.rmw: rmw is in the mix but not in "
            + "requirements.operations; add rmw to requirements.operations (line 4) or remove it from the mix",
            e.getMessage());
    }

    private static Spec parseWithDistribution(final String distribution) throws SpecException {
        return SpecParser.parse("""
            name: d
            environment: {memory-budget: 1GiB}
            workload: {keys: {count: 1K}, values: {fixed: 8}, mix: {read: 100}, distribution: %s}
            requirements: {operations: [read]}
            """.formatted(distribution), FILE);
    }
}
