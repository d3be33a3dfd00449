package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.engine.EngineSources;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogKnob;
import io.jitskit.synth.engine.log.LogStoreSourceGenerator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every valid design on a lattice over all knobs of both engines compiles warning-free and keeps a short store
 * contract (load, read, upsert, rmw, delete, insert with verification; on durable cards checkpoint, close, reopen and
 * read back). The behavioural tests run a dozen hand-picked variants; the templates and components have flag and
 * constant combinations no variant reaches, and a combination that does not compile or misbehaves is found here.
 *
 * <p>The lattice: for each card, the full product of the knobs that choose code (slot size, indexing, sharding,
 * checkpoint mode, huge pages; eviction, admission, inlining, cache ways, page size), {@link #DRAWS} times, every
 * other knob drawn from the ends (and a middle) of its domain by a seeded random generator
 * ({@code -Djitskit.lattice.seed=N} repeats or varies a run; the seed is printed). Points the design constructor
 * refuses are counted, as are designs that do not fit the card (the generator refuses those). Designs whose
 * generated sources are equal but for the package are one store and checked once. The stores compile together in a
 * few javac invocations ({@link StoreCompiler#compileAll}), which keeps the test within the default run.
 */
class DesignLatticeTest {

    private static final ValueLayout.OfLong LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Keys each point loads: enough to reach several groups, shards and slab classes on the tiny cards. */
    private static final int KEYS = 300;
    /** Stores per javac invocation: large batches amortize javac, small ones bound its heap. */
    private static final int BATCH = 40;
    private static final long DEFAULT_SEED = 20;
    /** Draws of the other knobs per combination of the knobs that choose code. */
    private static final int DRAWS = 2;
    private static final long LOG_BUDGET = 128L << 20;

    @TempDir
    Path work;

    /** One generated store to check, with the first design that produced it. */
    private record Point(String engine, Spec spec, String design, GeneratedStore store, boolean durable) {
    }

    @Test
    void everyValidDesignOnTheKnobLatticeCompilesWarningFreeAndKeepsTheContract() throws Exception {
        final long seed = Long.getLong("jitskit.lattice.seed", DEFAULT_SEED);
        final long started = System.nanoTime();
        final Random random = new Random(seed);
        final Counts memory = new Counts();
        final Counts log = new Counts();
        final Map<String, Point> distinct = new LinkedHashMap<>();
        for (final Spec spec : memoryCards()) {
            for (final Map<MemoryKnob, Object> values : memoryLattice(spec, random)) {
                memory.points++;
                final Design d;
                try {
                    d = MemoryKnob.design(Facts.of(spec), values);
                } catch (final IllegalArgumentException e) {
                    memory.refused(e);
                    continue;
                }
                if (!d.problems().isEmpty()) {
                    memory.doesNotFit(d.problems());
                    continue;
                }
                memory.valid++;
                add(distinct, new Point("memory", spec, d.describe(), StoreSourceGenerator.generate(spec, d),
                    spec.requirements().durability().isDurable()), memory);
            }
        }
        for (final Spec spec : logCards()) {
            for (final Map<LogKnob, Object> values : logLattice(spec, random)) {
                log.points++;
                final LogDesign d;
                try {
                    d = LogKnob.design(io.jitskit.synth.engine.log.LogFacts.of(spec), values);
                } catch (final IllegalArgumentException e) {
                    log.refused(e);
                    continue;
                }
                if (!d.problems().isEmpty()) {
                    log.doesNotFit(d.problems());
                    continue;
                }
                log.valid++;
                add(distinct, new Point("log", spec, d.describe(),
                    LogStoreSourceGenerator.generate(spec, d).toGenerated(),
                    spec.requirements().durability().isDurable()), log);
            }
        }
        final long generated = System.nanoTime();

        final List<Point> points = new ArrayList<>(distinct.values());
        final List<String> failures = new ArrayList<>();
        long compileNanos = 0;
        long checkNanos = 0;
        final TreeMap<Long, String> slowest = new TreeMap<>();
        for (int from = 0; from < points.size(); from += BATCH) {
            final List<Point> batch = points.subList(from, Math.min(points.size(), from + BATCH));
            final long c0 = System.nanoTime();
            final List<CompiledStore> compiled = StoreCompiler.compileAll(
                batch.stream().map(Point::store).toList(), work.resolve("b" + from));
            final long c1 = System.nanoTime();
            compileNanos += c1 - c0;
            for (int i = 0; i < batch.size(); i++) {
                final Point p = batch.get(i);
                final CompiledStore c = compiled.get(i);
                if (!c.success()) {
                    failures.add(p.engine + " " + p.spec.name() + " / " + p.design + ": does not compile:\n  "
                        + String.join("\n  ", c.diagnostics()));
                    continue;
                }
                final long t0 = System.nanoTime();
                try {
                    exercise(c.load(), p.spec, work.resolve("data-" + (from + i)), p.durable);
                    slowest.put((System.nanoTime() - t0) / 1_000_000, p.engine + " " + p.spec.name() + " / "
                        + p.design);
                } catch (final Exception | AssertionError e) {
                    failures.add(p.engine + " " + p.spec.name() + " / " + p.design + ": " + e);
                }
            }
            checkNanos += System.nanoTime() - c1;
        }
        System.out.printf(Locale.ROOT, "design lattice, seed %d (-Djitskit.lattice.seed=%d repeats it)%n", seed, seed);
        System.out.println("  memory engine: " + memory);
        System.out.println("  log engine:    " + log);
        System.out.printf(Locale.ROOT, "  %d distinct stores; generate %.1f s, compile %.1f s, contract %.1f s,"
                + " total %.1f s%n", points.size(), (generated - started) / 1e9, compileNanos / 1e9, checkNanos / 1e9,
            (System.nanoTime() - started) / 1e9);
        slowest.descendingMap().entrySet().stream().limit(3).forEach(e -> System.out.println("  slowest: "
            + e.getKey() + " ms " + e.getValue()));
        assertTrue(failures.isEmpty(), failures.size() + " of " + points.size() + " stores failed (seed " + seed
            + "):\n" + String.join("\n", failures));
        // A lattice that shrank to a handful of stores (every point refused, say) would pass without checking much.
        assertTrue(memory.distinct >= 100 && log.distinct >= 60, "too few distinct stores: memory " + memory.distinct
            + ", log " + log.distinct);
    }

    /** Per-engine tallies, printed. */
    private static final class Counts {
        int points;
        int refused;
        int doesNotFit;
        int valid;
        int distinct;
        final Map<String, Integer> refusals = new TreeMap<>();
        final Map<String, Integer> problems = new TreeMap<>();

        void doesNotFit(final List<String> reasons) {
            doesNotFit++;
            for (final String r : reasons) {
                // The reason without its figures: "data does not fit the usable budget", "log ring of ...".
                problems.merge(r.replaceAll("[:(,].*", "").replaceAll("[0-9]+", "N"), 1, Integer::sum);
            }
        }

        void refused(final IllegalArgumentException e) {
            refused++;
            final String m = String.valueOf(e.getMessage());
            refusals.merge(m.replaceAll(", was .*", ""), 1, Integer::sum);
        }

        @Override
        public String toString() {
            return points + " points, " + refused + " refused by the design constructor " + refusals + ", "
                + doesNotFit + " do not fit their card " + problems + ", " + valid + " valid, " + distinct
                + " distinct stores";
        }
    }

    /** Keeps the first point of each store: designs whose sources differ only in the package are one store. */
    private static void add(final Map<String, Point> distinct, final Point p, final Counts counts) {
        final String pkg = p.store.packageName();
        final StringBuilder key = new StringBuilder(p.engine).append('\n');
        final Set<String> components = p.engine.equals("memory")
            ? EngineSources.inMemoryComponents(pkg).keySet() : EngineSources.logComponents(pkg).keySet();
        // Components are the same text in every store but for the package; only the generated files tell stores apart.
        new TreeMap<>(p.store.sources()).forEach((path, text) -> {
            final String simple = path.substring(path.lastIndexOf('/') + 1, path.length() - ".java".length());
            if (!components.contains(simple)) {
                key.append(simple).append('\n').append(text.replace(pkg, "$PACKAGE")).append('\n');
            }
        });
        if (distinct.putIfAbsent(key.toString(), p) == null) {
            counts.distinct++;
        }
    }

    /* ---------------------------------------------------------------- the lattices */

    private static List<Spec> memoryCards() {
        return List.of(
            Cards.spec("lat-none-fixed", 2_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS, Durability.none(),
                Cards.GIB),
            Cards.spec("lat-ckpt-bimodal", 2_000, new SizeDistribution.Bimodal(16, 120, 0.8), Cards.ALL_OPS,
                Durability.checkpoint(), Cards.GIB),
            Cards.spec("lat-commit-uniform", 2_000, new SizeDistribution.Uniform(8, 300), Cards.ALL_OPS,
                Durability.commit(Duration.ofMillis(5)), Cards.GIB),
            Cards.withVariableKeys(Cards.spec("lat-none-varkey", 2_000, new SizeDistribution.Uniform(8, 100),
                EnumSet.of(Operation.READ, Operation.UPSERT, Operation.DELETE), Durability.none(), Cards.GIB),
                new SizeDistribution.Uniform(8, 24)));
    }

    private static List<Map<MemoryKnob, Object>> memoryLattice(final Spec spec, final Random random) {
        final boolean durable = spec.requirements().durability().isDurable();
        final List<Design.CheckpointMode> modes = durable
            ? List.of(Design.CheckpointMode.QUIESCE_WRITE, Design.CheckpointMode.QUIESCE_SHADOW)
            : List.of(Design.CheckpointMode.NONE);
        final int threads = spec.environment().threads();
        final List<Map<MemoryKnob, Object>> out = new ArrayList<>();
        for (int draw = 0; draw < DRAWS; draw++) {
            out.addAll(memoryDraw(modes, threads, random));
        }
        return out;
    }

    /** One point per combination of the knobs that choose code, the others drawn. */
    private static List<Map<MemoryKnob, Object>> memoryDraw(final List<Design.CheckpointMode> modes, final int threads,
                                                            final Random random) {
        final List<Map<MemoryKnob, Object>> out = new ArrayList<>();
        for (final int slot : new int[] {24, 64, 128}) {
            for (final Design.Indexing indexing : Design.Indexing.values()) {
                for (final int shards : new int[] {1, 4}) {
                    for (final Design.CheckpointMode mode : modes) {
                        for (final boolean huge : new boolean[] {false, true}) {
                            final Map<MemoryKnob, Object> v = new EnumMap<>(MemoryKnob.class);
                            v.put(MemoryKnob.SLOT_BYTES, slot);
                            v.put(MemoryKnob.INDEXING, indexing);
                            v.put(MemoryKnob.SHARDS, shards);
                            v.put(MemoryKnob.CHECKPOINT_MODE, mode);
                            v.put(MemoryKnob.HUGE_PAGES, huge);
                            v.put(MemoryKnob.MAX_LOAD_FACTOR, pick(random, 0.3, 0.7, 0.95));
                            v.put(MemoryKnob.KEY_MARGIN, pick(random, 1.0, 1.5, 8.0));
                            v.put(MemoryKnob.CLAIM_STRIPES, pick(random, 1, 64, 1 << 20));
                            v.put(MemoryKnob.MAX_SESSIONS, pick(random, threads, 64, 1 << 16));
                            final int page = pick(random, 1 << 16, 1 << 20, 1 << 30);
                            v.put(MemoryKnob.SLAB_PAGE_BYTES, page);
                            v.put(MemoryKnob.SLAB_TLAB_BYTES, pick(random, 4096, Math.min(page, 1 << 16), page));
                            v.put(MemoryKnob.LOG_RING_BYTES, pick(random, 1 << 12, 1 << 20, 1 << 30));
                            out.add(v);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<Spec> logCards() {
        final Set<Operation> noRmwNoDelete = EnumSet.of(Operation.READ, Operation.UPSERT, Operation.INSERT);
        return List.of(
            logSpec("lat-log-none-fixed", 50_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS, Durability.none()),
            logSpec("lat-log-ckpt-uniform", 50_000, new SizeDistribution.Uniform(8, 300), Cards.ALL_OPS,
                Durability.checkpoint()),
            // Values of at most 7 bytes and no delete: the only card shape on which values can live in the index.
            logSpec("lat-log-ckpt-tiny", 50_000, new SizeDistribution.Uniform(1, 7), noRmwNoDelete,
                Durability.checkpoint()));
    }

    /** A larger-than-memory card: the usable budget after the JVM allowance holds a fraction of the data. */
    private static Spec logSpec(final String name, final long keys, final SizeDistribution values,
                                final Set<Operation> ops, final Durability durability) {
        return Cards.spec(name, keys, values, ops, durability, LOG_BUDGET);
    }

    private static List<Map<LogKnob, Object>> logLattice(final Spec spec, final Random random) {
        final SizeDistribution sizes = spec.workload().valueSizes();
        final int threads = spec.environment().threads();
        final List<Map<LogKnob, Object>> out = new ArrayList<>();
        for (int draw = 0; draw < DRAWS; draw++) {
            out.addAll(logDraw(sizes, threads, random));
        }
        return out;
    }

    /** One point per combination of the knobs that choose code, the others drawn. */
    private static List<Map<LogKnob, Object>> logDraw(final SizeDistribution sizes, final int threads,
                                                      final Random random) {
        final List<Map<LogKnob, Object>> out = new ArrayList<>();
        for (final LogDesign.Eviction eviction : LogDesign.Eviction.values()) {
            for (final LogDesign.Admission admission : LogDesign.Admission.values()) {
                for (final boolean inline : new boolean[] {false, true}) {
                    for (final int ways : new int[] {4, 16}) {
                        for (final int page : new int[] {1 << 16, 1 << 20}) {
                            final Map<LogKnob, Object> v = new EnumMap<>(LogKnob.class);
                            v.put(LogKnob.EVICTION, eviction);
                            v.put(LogKnob.ADMISSION, admission);
                            v.put(LogKnob.INLINE_SMALL_VALUES, inline);
                            v.put(LogKnob.CACHE_WAYS, ways);
                            v.put(LogKnob.PAGE_BYTES, page);
                            v.put(LogKnob.INDEX_LOAD_FACTOR, pick(random, 0.5, 0.7, 0.9));
                            v.put(LogKnob.KEY_MARGIN, pick(random, 1.0, 1.5, 4.0));
                            v.put(LogKnob.CACHE_SHARE, pick(random, 0.0, 0.4, 0.9));
                            v.put(LogKnob.CACHE_VALUE_BYTES, pick(random, sizes.min(), sizes.max()));
                            v.put(LogKnob.SEGMENT_BYTES, pick(random, 4L * page, 64L * page));
                            v.put(LogKnob.COMPACT_LIVE_FRACTION, pick(random, 0.2, 0.5, 0.8));
                            v.put(LogKnob.MAX_SESSIONS, pick(random, Integer.highestOneBit(threads * 2 - 1), 128));
                            out.add(v);
                        }
                    }
                }
            }
        }
        return out;
    }

    @SafeVarargs
    private static <T> T pick(final Random random, final T... values) {
        return values[random.nextInt(values.length)];
    }

    /* ---------------------------------------------------------------- the contract check */

    /**
     * Loads {@link #KEYS} keys and checks every operation the card allows against a model; on a durable card the
     * store is checkpointed, closed and reopened, and must read back what the checkpoint covered.
     */
    private static void exercise(final StoreProvider provider, final Spec spec, final Path dir, final boolean durable)
        throws Exception {
        final SizeDistribution values = spec.workload().valueSizes();
        final SizeDistribution keySizes =
            spec.workload().keyFormat() instanceof KeyFormat.Variable v ? v.sizes() : null;
        final Set<Operation> ops = spec.requirements().operations();
        final int keys = (int) Math.min(KEYS, spec.workload().keyCount());
        final Map<Long, byte[]> model = new HashMap<>();
        try (Arena arena = Arena.ofConfined()) {
            final Function<Long, MemorySegment> key = k -> key(arena, keySizes, k);
            final MemorySegment out = arena.allocate(values.max());
            final Store store = provider.open(new StoreContext(spec, dir));
            try (Session s = store.openSession(0)) {
                for (long k = 0; k < keys; k++) {
                    final byte[] v = value(values, k, 0);
                    s.upsert(key.apply(k), arena.allocateFrom(ValueLayout.JAVA_BYTE, v));
                    model.put(k, v);
                }
                verify(s, key, out, model, keys, "after loading");
                if (ops.contains(Operation.RMW) && values.min() >= Long.BYTES) {
                    for (long k = 0; k < keys; k += 3) {
                        final byte[] v = model.get(k);
                        final long counter = MemorySegment.ofArray(v).get(LE, 0) + 5;
                        assertEquals(counter, s.rmw(key.apply(k), 5, arena.allocateFrom(ValueLayout.JAVA_BYTE,
                            value(values, k, 9))), "rmw of present key " + k);
                        MemorySegment.ofArray(v).set(LE, 0, counter);
                    }
                    final long absent = keys;
                    final byte[] initial = value(values, absent, 9);
                    final long counter = MemorySegment.ofArray(initial).get(LE, 0) + 2;
                    assertEquals(counter, s.rmw(key.apply(absent), 2, arena.allocateFrom(ValueLayout.JAVA_BYTE,
                        initial)), "rmw of absent key starts from the initial value");
                    MemorySegment.ofArray(initial).set(LE, 0, counter);
                    model.put(absent, initial);
                }
                if (ops.contains(Operation.DELETE)) {
                    for (long k = 1; k < keys; k += 5) {
                        assertTrue(s.delete(key.apply(k)), "delete of present key " + k);
                        assertFalse(s.delete(key.apply(k)), "second delete of key " + k);
                        model.remove(k);
                    }
                }
                if (ops.contains(Operation.INSERT)) {
                    assertFalse(s.insert(key.apply(0L), arena.allocateFrom(ValueLayout.JAVA_BYTE,
                        value(values, 0, 7))), "insert of a present key");
                    for (long k = 1; k < keys; k += 5) {
                        final byte[] v = value(values, k, 3);
                        assertEquals(!model.containsKey(k), s.insert(key.apply(k),
                            arena.allocateFrom(ValueLayout.JAVA_BYTE, v)), "insert of key " + k);
                        model.putIfAbsent(k, v);
                    }
                }
                // New sizes move values between inline slots, slab classes and records of another length.
                for (long k = 2; k < keys; k += 4) {
                    final byte[] v = value(values, k, 1);
                    s.upsert(key.apply(k), arena.allocateFrom(ValueLayout.JAVA_BYTE, v));
                    model.put(k, v);
                }
                verify(s, key, out, model, keys + 2, "after the mixed operations");
            }
            if (!durable) {
                store.close();
                return;
            }
            store.checkpoint();
            store.close();
            final Store reopened = provider.open(new StoreContext(spec, dir));
            try (reopened) {
                final Recovery r = reopened.recovery();
                assertTrue(r.restored(), "a store reopened after a checkpoint restores it");
                try (Session s = reopened.openSession(0)) {
                    verify(s, key, out, model, keys + 2, "after checkpoint, close and reopen");
                }
            }
        }
    }

    private static void verify(final Session s, final Function<Long, MemorySegment> key, final MemorySegment out,
                               final Map<Long, byte[]> model, final int upTo, final String when) {
        for (long k = 0; k < upTo; k++) {
            final byte[] expected = model.get(k);
            final int len = s.read(key.apply(k), out);
            if (expected == null) {
                assertEquals(Session.NOT_FOUND, len, "key " + k + " absent " + when);
                continue;
            }
            assertEquals(expected.length, len, "length of key " + k + " " + when);
            assertEquals(-1, out.asSlice(0, len).mismatch(MemorySegment.ofArray(expected)),
                "bytes of key " + k + " " + when);
        }
    }

    /** Key {@code k}: its id in the first 8 bytes, for variable keys padded to a size the card allows. */
    private static MemorySegment key(final Arena arena, final SizeDistribution sizes, final long k) {
        final int size = sizes == null ? Long.BYTES : sizes.min() + (int) (k % (sizes.max() - sizes.min() + 1));
        final MemorySegment s = arena.allocate(size);
        s.set(LE, 0, k);
        for (int i = Long.BYTES; i < size; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) (k + i));
        }
        return s;
    }

    /** Version {@code version} of key {@code k}'s value: a size the card allows, bytes that name key and version. */
    private static byte[] value(final SizeDistribution sizes, final long k, final int version) {
        final int size = switch (sizes) {
            case SizeDistribution.Fixed f -> f.size();
            case SizeDistribution.Bimodal b -> (k + version) % 2 == 0 ? b.small() : b.large();
            default -> sizes.min() + (int) ((k * 31 + version * 7L) % (sizes.max() - sizes.min() + 1));
        };
        final byte[] v = new byte[size];
        for (int i = 0; i < size; i++) {
            v[i] = (byte) (k * 13 + version * 7 + i);
        }
        if (size >= Long.BYTES) {
            MemorySegment.ofArray(v).set(LE, 0, k * 1000 + version);
        }
        return v;
    }
}
