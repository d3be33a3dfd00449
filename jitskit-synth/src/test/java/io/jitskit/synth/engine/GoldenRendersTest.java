package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogKnob;
import io.jitskit.synth.engine.log.LogStoreSourceGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated files (StoreConfig and the rendered templates; not the component sources, which are copied) of six
 * design points, three per engine, spanning the coder's flags, against the renders checked in under
 * {@code src/test/resources/golden/<point>/}. A change to a template, the config writers or the sizing rules shows
 * up here as a reviewable diff of generated code. The package name carries a hash of spec and design, so the
 * checked-in package lines also hold that hash stable across JVMs.
 *
 * <p>After an intended change, refresh with
 * {@code mvn -o -pl jitskit-synth -Dtest=GoldenRendersTest -Djitskit.golden.update=true test} and review
 * {@code git diff jitskit-synth/src/test/resources/golden}.
 */
class GoldenRendersTest {

    private static final String UPDATE = "jitskit.golden.update";
    private static final String REFRESH = "if the change is intended, refresh the renders with\n"
        + "  mvn -o -pl jitskit-synth -Dtest=GoldenRendersTest -D" + UPDATE + "=true test\n"
        + "and review git diff jitskit-synth/src/test/resources/golden";

    /** A design point's generated files by simple file name. */
    private record Render(String name, Map<String, String> files) {
    }

    private static List<Render> renders() {
        final List<Render> out = new ArrayList<>();

        // Memory 1: variable keys in chunks (24-B slots, slab only), read and upsert only, no durability.
        final Spec varkey = Cards.withVariableKeys(Cards.spec("golden-mem-varkey", 2_000,
            new SizeDistribution.Uniform(8, 100), EnumSet.of(Operation.READ, Operation.UPSERT), Durability.none(),
            Cards.GIB), new SizeDistribution.Uniform(8, 24));
        out.add(memory("mem-varkey-readupsert-none", varkey, Design.initial(varkey)));

        // Memory 2: bimodal values, small inline, large in slabs; 4 shards, fastrange, huge pages, shadow checkpoint.
        final Spec hybrid = Cards.spec("golden-mem-hybrid", 2_000, new SizeDistribution.Bimodal(16, 120, 0.8),
            Cards.ALL_OPS, Durability.checkpoint(), Cards.GIB);
        out.add(memory("mem-hybrid-sharded-fastrange-huge-shadow", hybrid, with(Design.initial(hybrid), Map.of(
            MemoryKnob.SHARDS, 4, MemoryKnob.INDEXING, Design.Indexing.FASTRANGE, MemoryKnob.HUGE_PAGES, true,
            MemoryKnob.CHECKPOINT_MODE, Design.CheckpointMode.QUIESCE_SHADOW))));

        // Memory 3: every value inline, commit logs, quiesce-write checkpoints, power-of-two table, every operation.
        final Spec commit = Cards.spec("golden-mem-commit", 2_000, new SizeDistribution.Fixed(64), Cards.ALL_OPS,
            Durability.commit(Duration.ofMillis(5)), Cards.GIB);
        out.add(memory("mem-inline-commit-write-pow2", commit, with(Design.initial(commit), Map.of(
            MemoryKnob.INDEXING, Design.Indexing.POWER_OF_TWO,
            MemoryKnob.CHECKPOINT_MODE, Design.CheckpointMode.QUIESCE_WRITE))));

        // Log 1: the initial design of a spilling fixed-value card with every operation (a read cache, no durability).
        final Spec logFixed = Cards.spec("golden-log-fixed", 50_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.none(), 128L << 20);
        out.add(log("log-initial-none", logFixed, LogDesign.initial(logFixed)));

        // Log 2: variable values, checkpoints, a FIFO cache with W-TinyLFU admission and 16 ways.
        final Spec logUniform = Cards.spec("golden-log-uniform", 50_000, new SizeDistribution.Uniform(8, 300),
            Cards.ALL_OPS, Durability.checkpoint(), 128L << 20);
        out.add(log("log-fifo-tinylfu-checkpoint", logUniform, with(LogDesign.initial(logUniform), Map.of(
            LogKnob.EVICTION, LogDesign.Eviction.FIFO, LogKnob.ADMISSION, LogDesign.Admission.TINY_LFU,
            LogKnob.CACHE_WAYS, 16))));

        // Log 3: values of at most 7 bytes inline in the index, no cache, no rmw or delete, checkpoints.
        final Spec logTiny = Cards.spec("golden-log-tiny", 50_000, new SizeDistribution.Uniform(1, 7),
            EnumSet.of(Operation.READ, Operation.UPSERT, Operation.INSERT), Durability.checkpoint(), 128L << 20);
        out.add(log("log-inline-nocache-checkpoint", logTiny, with(LogDesign.initial(logTiny), Map.of(
            LogKnob.EVICTION, LogDesign.Eviction.NONE, LogKnob.INLINE_SMALL_VALUES, true))));
        return out;
    }

    @Test
    void generatedFilesOfSixDesignPointsMatchTheCheckedInRenders() throws IOException {
        final Path root = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
        final boolean update = Boolean.getBoolean(UPDATE);
        final List<String> differences = new ArrayList<>();
        for (final Render r : renders()) {
            final Path dir = root.resolve(r.name);
            if (update) {
                rewrite(dir, r.files);
                continue;
            }
            final Set<String> checkedIn = list(dir);
            if (!checkedIn.equals(r.files.keySet())) {
                differences.add(r.name + ": files " + r.files.keySet() + ", checked in " + checkedIn);
            }
            for (final Map.Entry<String, String> f : r.files.entrySet()) {
                final Path file = dir.resolve(f.getKey());
                if (Files.exists(file)) {
                    final String diff = firstDifference(Files.readString(file, StandardCharsets.UTF_8), f.getValue());
                    if (diff != null) {
                        differences.add("golden/" + r.name + "/" + f.getKey() + diff);
                    }
                }
            }
        }
        if (update) {
            System.out.println("rewrote the golden renders under " + root + "; review them with git diff");
            return;
        }
        if (!differences.isEmpty()) {
            fail("generated sources differ from the golden renders:\n" + String.join("\n", differences) + "\n"
                + REFRESH);
        }
    }

    @Test
    void aFixedDesignRendersTheSameFilesAndPackageHashEveryTime() {
        final List<Render> first = renders();
        final List<Render> second = renders();
        assertEquals(first, second, "generation is deterministic within a JVM");
        // The hash in the package is the only generated name with a hash; each point has its own.
        final Set<String> packages = new TreeSet<>();
        for (final Render r : first) {
            final String config = r.files.get(EngineSources.CONFIG + ".java");
            packages.add(config.lines().filter(l -> l.startsWith("package ")).findFirst().orElseThrow());
        }
        assertEquals(first.size(), packages.size(), "one package per point: " + packages);
        // The hash is of the design's toString: the card's operations must print in one order in every JVM (they
        // followed Set.copyOf's per-JVM iteration order, and the golden package lines changed from run to run).
        final Spec spec = Cards.spec("order", 1_000, new SizeDistribution.Fixed(8), Cards.ALL_OPS, Durability.none(),
            Cards.GIB);
        assertEquals(List.copyOf(EnumSet.allOf(Operation.class)), List.copyOf(Facts.of(spec).operations()));
        assertEquals(List.copyOf(EnumSet.allOf(Operation.class)),
            List.copyOf(io.jitskit.synth.engine.log.LogFacts.of(spec).operations()));
        assertTrue(packages.stream().allMatch(p -> p.matches("package io\\.jitskit\\.generated\\.[a-z0-9_.]+\\.d"
            + "[0-9a-f]{8};")), packages.toString());
    }

    /** Null when equal, else the first differing line, both ways, with its number. */
    static String firstDifference(final String expected, final String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        final List<String> e = expected.lines().toList();
        final List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            final String el = i < e.size() ? e.get(i) : "<end of file>";
            final String al = i < a.size() ? a.get(i) : "<end of file>";
            if (!el.equals(al)) {
                return ":" + (i + 1) + ": first difference\n  golden:    " + el + "\n  generated: " + al;
            }
        }
        return ": differs only in line endings or the final newline";
    }

    private static Render memory(final String name, final Spec spec, final Design design) {
        final GeneratedStore g = StoreSourceGenerator.generate(spec, design);
        return new Render(name, generatedFiles(g.sources(), EngineSources.inMemoryComponents(g.packageName())
            .keySet()));
    }

    private static Render log(final String name, final Spec spec, final LogDesign design) {
        final GeneratedStore g = LogStoreSourceGenerator.generate(spec, design).toGenerated();
        return new Render(name, generatedFiles(g.sources(), EngineSources.logComponents(g.packageName()).keySet()));
    }

    /** The files the generator writes, by simple name: everything but the copied components. */
    private static Map<String, String> generatedFiles(final Map<String, String> sources, final Set<String> components) {
        final Map<String, String> out = new TreeMap<>();
        sources.forEach((path, text) -> {
            final String file = path.substring(path.lastIndexOf('/') + 1);
            if (!components.contains(file.substring(0, file.length() - ".java".length()))) {
                out.put(file, text);
            }
        });
        return out;
    }

    private static Design with(final Design d, final Map<MemoryKnob, Object> changes) {
        final Map<MemoryKnob, Object> v = new EnumMap<>(MemoryKnob.class);
        for (final MemoryKnob k : MemoryKnob.values()) {
            v.put(k, k.valueIn(d));
        }
        v.putAll(changes);
        return MemoryKnob.design(d.facts(), v);
    }

    private static LogDesign with(final LogDesign d, final Map<LogKnob, Object> changes) {
        final Map<LogKnob, Object> v = new EnumMap<>(LogKnob.class);
        for (final LogKnob k : LogKnob.values()) {
            v.put(k, k.valueIn(d));
        }
        v.putAll(changes);
        return LogKnob.design(d.facts(), v);
    }

    private static Set<String> list(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(
                TreeSet::new));
        }
    }

    private static void rewrite(final Path dir, final Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (final String stale : list(dir)) {
            if (!files.containsKey(stale)) {
                Files.delete(dir.resolve(stale));
            }
        }
        for (final Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
