package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Races on a few hot keys: writers overwrite with values of the same and of different sizes while readers verify a
 * key id, a writer sequence and a CRC embedded in every value (a torn or misplaced value fails), and rmw counters
 * under contention must sum exactly. Bounded in time; seeds are in the messages.
 */
class GeneratedStoreConcurrencyTest {

    private static final long RUN_NANOS = 1_500_000_000L;
    private static final int HOT_KEYS = 4;

    @TempDir
    Path dir;

    static Stream<Arguments> tornReadVariants() {
        final Spec fixed = Cards.spec("torn-fixed", 1_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.checkpoint(), Cards.GIB);
        final Spec bimodal = Cards.spec("torn-bimodal", 1_000, new SizeDistribution.Bimodal(20, 200, 0.5),
            Cards.ALL_OPS, Durability.none(), Cards.GIB);
        final Spec uniform = Cards.spec("torn-uniform", 1_000, new SizeDistribution.Uniform(20, 180), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        return Stream.of(
            Arguments.of(new Variants.Variant("fixed 100 B inline (same-size overwrites)", fixed,
                Design.initial(fixed))),
            Arguments.of(new Variants.Variant("fixed 100 B slab, in place (same-size overwrites)", fixed,
                Design.initial(fixed).withInlineValues(false))),
            Arguments.of(new Variants.Variant("bimodal hybrid (inline <-> slab)", bimodal, Design.initial(bimodal))),
            Arguments.of(new Variants.Variant("uniform slab, linear classes", uniform,
                Design.initial(uniform).withInlineValues(false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tornReadVariants")
    @Timeout(60)
    void readersNeverSeeATornOrStaleValueWhileWritersOverwrite(final Variants.Variant v) throws Exception {
        final long seed = System.nanoTime();
        final AtomicLong reads = new AtomicLong();
        try (Store store = StoreFixture.open(v.spec(), v.design(), dir)) {
            final String failure = race(store, v.spec().workload().valueSizes(), seed, RUN_NANOS, reads);
            assertNull(failure, v.name() + ", seed " + seed);
            assertTrue(reads.get() > 10_000, v.name() + ": only " + reads.get() + " reads ran");
        }
    }

    /**
     * The harness must be able to fail: the gallery's I.3 (a same-size in-place write that leaves the version word
     * unchanged) is patched into a generated store, and the race must catch it.
     */
    @Test
    @Timeout(60)
    void theRaceCatchesASameSizeWriteThatLeavesTheVersionUnchanged() throws Exception {
        final Spec spec = Cards.spec("gallery-i3", 1_000, new SizeDistribution.Fixed(100), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        final GeneratedStore honest = StoreSourceGenerator.generate(spec, Design.initial(spec));
        final Map<String, String> sources = new HashMap<>(honest.sources());
        final String session = sources.keySet().stream().filter(k -> k.endsWith("/JitSession.java")).findFirst()
            .orElseThrow();
        final String release = "META.setRelease(t, off, meta(versionOf(m) + 1, LIVE, len));";
        final String patched = sources.get(session).replaceFirst(java.util.regex.Pattern.quote(
            "        // Release: key, payload and slab bytes written above are visible no later than the new version word.\n"
                + "        " + release), java.util.regex.Matcher.quoteReplacement(
            "        META.setRelease(t, off, oldState == LIVE ? m : meta(versionOf(m) + 1, LIVE, len));"));
        assertTrue(!patched.equals(sources.get(session)), "the publish line to patch was not found");
        sources.put(session, patched);
        final GeneratedStore hacked = new GeneratedStore(honest.storeName() + "-i3", honest.packageName(),
            honest.providerClassName(), sources, honest.designLine());
        final CompiledStore compiled = StoreCompiler.compile(hacked, dir.resolve("jar"));
        assertTrue(compiled.success(), String.join("\n", compiled.diagnostics()));
        final long seed = System.nanoTime();
        try (Store store = compiled.load().open(new io.jitskit.api.StoreContext(spec, dir.resolve("data")))) {
            String failure = null;
            for (int round = 0; round < 10 && failure == null; round++) {
                failure = race(store, spec.workload().valueSizes(), seed + round, RUN_NANOS, new AtomicLong());
            }
            assertTrue(failure != null && failure.contains("torn"), "seed " + seed + ": I.3 went unnoticed: "
                + failure);
        }
    }

    /** Two writers and two readers on the hot keys for {@code nanos}; returns the first problem seen, or null. */
    private static String race(final Store store, final SizeDistribution sizes, final long seed, final long nanos,
                               final AtomicLong reads) throws InterruptedException {
        final long[] keys = new SplittableRandom(seed).longs(HOT_KEYS).toArray();
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicBoolean stop = new AtomicBoolean();
        try (Session s = store.openSession(9); Arena arena = Arena.ofConfined()) {
            for (final long k : keys) {
                s.upsert(StoreFixture.key(arena, k), encode(arena, k, 9L << 48, sizes.max()));
            }
        }
        final List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            final int writer = w;
            threads.add(Thread.ofPlatform().start(() -> write(store, writer, keys, sizes, seed, stop, failure)));
        }
        for (int r = 0; r < 2; r++) {
            final int reader = 2 + r;
            threads.add(Thread.ofPlatform().start(() -> read(store, reader, keys, sizes, stop, failure, reads)));
        }
        final long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline && failure.get() == null) {
            Thread.sleep(10);
        }
        stop.set(true);
        for (final Thread t : threads) {
            t.join();
        }
        return failure.get();
    }

    private static void write(final Store store, final int id, final long[] keys, final SizeDistribution sizes,
                              final long seed, final AtomicBoolean stop, final AtomicReference<String> failure) {
        final SplittableRandom rnd = new SplittableRandom(seed + id);
        try (Session s = store.openSession(id); Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            long seq = (long) id << 48;
            while (!stop.get() && failure.get() == null) {
                final long k = keys[rnd.nextInt(keys.length)];
                key.set(StoreFixture.LE, 0, k);
                final int size = switch (sizes) {
                    case SizeDistribution.Bimodal b -> rnd.nextBoolean() ? b.small() : b.large();
                    default -> rnd.nextInt(sizes.min(), sizes.max() + 1);
                };
                s.upsert(key, encode(arena, k, ++seq, size));
            }
        } catch (final RuntimeException e) {
            failure.compareAndSet(null, "writer " + id + ": " + e);
        }
    }

    private static void read(final Store store, final int id, final long[] keys, final SizeDistribution sizes,
                             final AtomicBoolean stop, final AtomicReference<String> failure, final AtomicLong reads) {
        // Per key and writer, the last sequence seen: a writer's values of one key must never go backwards.
        final long[][] lastSeen = new long[keys.length][3];
        long n = 0;
        try (Session s = store.openSession(id); Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment out = arena.allocate(sizes.max());
            int i = 0;
            while (!stop.get() && failure.get() == null) {
                final int ki = i++ & (keys.length - 1);
                key.set(StoreFixture.LE, 0, keys[ki]);
                final int len = s.read(key, out);
                final String problem = check(keys[ki], out, len, sizes);
                if (problem != null) {
                    failure.compareAndSet(null, "reader " + id + " read " + n + ": " + problem);
                    return;
                }
                final long seq = out.get(StoreFixture.LE, 8);
                final int writer = (int) Math.min(2, seq >>> 48);
                if (seq < lastSeen[ki][writer]) {
                    failure.compareAndSet(null, "reader " + id + ": key " + keys[ki] + " went back from writer seq "
                        + lastSeen[ki][writer] + " to " + seq);
                    return;
                }
                lastSeen[ki][writer] = seq;
                n++;
            }
        } catch (final RuntimeException e) {
            failure.compareAndSet(null, "reader " + id + ": " + e);
        } finally {
            reads.addAndGet(n);
        }
    }

    /** key (8) | sequence (8) | bytes derived from both | CRC32 of everything before it (4). */
    static MemorySegment encode(final Arena arena, final long key, final long seq, final int size) {
        final MemorySegment v = arena.allocate(size);
        v.set(StoreFixture.LE, 0, key);
        v.set(StoreFixture.LE, 8, seq);
        long x = key * 31 + seq;
        for (int i = 16; i < size - 4; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            v.set(ValueLayout.JAVA_BYTE, i, (byte) (x >>> 56));
        }
        final CRC32 crc = new CRC32();
        crc.update(v.asSlice(0, size - 4).asByteBuffer());
        v.set(ValueLayout.JAVA_INT_UNALIGNED, size - 4, (int) crc.getValue());
        return v;
    }

    static String check(final long key, final MemorySegment out, final int len, final SizeDistribution sizes) {
        if (len < 0) {
            return "key " + key + " vanished";
        }
        if (!sizes.allows(len)) {
            return "length " + len + " is not an allowed size";
        }
        if (out.get(StoreFixture.LE, 0) != key) {
            return "value of key " + out.get(StoreFixture.LE, 0) + " returned for key " + key;
        }
        final CRC32 crc = new CRC32();
        crc.update(out.asSlice(0, len - 4).asByteBuffer());
        if ((int) crc.getValue() != out.get(ValueLayout.JAVA_INT_UNALIGNED, len - 4)) {
            return "torn value of key " + key + " (length " + len + ", seq " + out.get(StoreFixture.LE, 8) + ")";
        }
        return null;
    }

    @Test
    @Timeout(60)
    void compactionsUnderConcurrentChurnNeverLoseOrTearALiveKey() throws Exception {
        final Spec spec = Cards.spec("churn", 2_000, new SizeDistribution.Fixed(24),
            EnumSet.of(Operation.READ, Operation.UPSERT, Operation.INSERT, Operation.DELETE), Durability.none(),
            Cards.GIB);
        final long seed = System.nanoTime();
        final long[] stable = new SplittableRandom(seed).longs(200).toArray();
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicBoolean stop = new AtomicBoolean();
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir)) {
            try (Session s = store.openSession(0); Arena arena = Arena.ofConfined()) {
                for (final long k : stable) {
                    s.upsert(StoreFixture.key(arena, k), encode(arena, k, 1, 24));
                }
            }
            final List<Thread> threads = new ArrayList<>();
            for (int c = 1; c <= 2; c++) {
                final int id = c;
                threads.add(Thread.ofPlatform().start(() -> {
                    final SplittableRandom rnd = new SplittableRandom(seed + id);
                    final java.util.ArrayDeque<Long> window = new java.util.ArrayDeque<>();
                    try (Session s = store.openSession(id); Arena arena = Arena.ofConfined()) {
                        final MemorySegment key = arena.allocate(8);
                        final MemorySegment out = arena.allocate(24);
                        while (!stop.get() && failure.get() == null) {
                            if (window.size() == 850) {
                                key.set(StoreFixture.LE, 0, window.removeFirst());
                                if (!s.delete(key)) {
                                    failure.compareAndSet(null, "churner " + id + ": own key vanished before delete");
                                }
                            }
                            final long k = rnd.nextLong();
                            key.set(StoreFixture.LE, 0, k);
                            s.insert(key, encode(arena, k, 2, 24));
                            window.addLast(k);
                            key.set(StoreFixture.LE, 0, window.getFirst());
                            final String problem = check(window.getFirst(), out, s.read(key, out), spec.workload()
                                .valueSizes());
                            if (problem != null) {
                                failure.compareAndSet(null, "churner " + id + ": " + problem);
                            }
                        }
                    } catch (final RuntimeException e) {
                        failure.compareAndSet(null, "churner " + id + ": " + e);
                    }
                }));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                try (Session s = store.openSession(3); Arena arena = Arena.ofConfined()) {
                    final MemorySegment key = arena.allocate(8);
                    final MemorySegment out = arena.allocate(24);
                    for (int i = 0; !stop.get() && failure.get() == null; i++) {
                        final long k = stable[i % stable.length];
                        key.set(StoreFixture.LE, 0, k);
                        final String problem = check(k, out, s.read(key, out), spec.workload().valueSizes());
                        if (problem != null) {
                            failure.compareAndSet(null, "reader: " + problem);
                        }
                    }
                } catch (final RuntimeException e) {
                    failure.compareAndSet(null, "reader: " + e);
                }
            }));
            final long deadline = System.nanoTime() + 2 * RUN_NANOS;
            while (System.nanoTime() < deadline && failure.get() == null
                && store.metrics().orElseThrow().snapshot().get("index.compactions") < 3) {
                Thread.sleep(20);
            }
            stop.set(true);
            for (final Thread t : threads) {
                t.join();
            }
            assertNull(failure.get(), "seed " + seed);
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            assertTrue(m.get("index.compactions") >= 1, "seed " + seed + ": churn never compacted the index");
            // Every session is closed, so no claim budget is outstanding: the count is the slots in use, at least the
            // live keys (a session returning a budget reserved before a compaction drove it below them, even below 0).
            assertTrue(m.get("index.used_slots") >= m.get("index.live_keys"), "seed " + seed + ": " + m);
        }
    }

    @Test
    @Timeout(60)
    void rmwCountersUnderContentionSumExactly() throws Exception {
        final Spec spec = Cards.spec("rmw", 1_000, new SizeDistribution.Bimodal(16, 120, 0.5), Cards.ALL_OPS,
            Durability.none(), Cards.GIB);
        final Design design = Design.initial(spec);
        final int threads = 3;
        final int perThread = 150_000;
        final long[] keys = new SplittableRandom(7).longs(8).toArray();
        try (Store store = StoreFixture.open(spec, design, dir)) {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> workers = new ArrayList<>();
            final long[] added = new long[threads];
            for (int t = 0; t < threads; t++) {
                final int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try (Session s = store.openSession(id); Arena arena = Arena.ofConfined()) {
                        final MemorySegment key = arena.allocate(8);
                        // Half the keys start from a small (inline) value, half from a large (slab) one.
                        final MemorySegment small = arena.allocate(16);
                        final MemorySegment large = arena.allocate(120);
                        for (int i = 0; i < perThread; i++) {
                            final int ki = i % keys.length;
                            key.set(StoreFixture.LE, 0, keys[ki]);
                            final long delta = 1 + (i % 3);
                            s.rmw(key, delta, ki % 2 == 0 ? small : large);
                            added[id] += delta;
                        }
                    } catch (final Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (final Thread w : workers) {
                w.join();
            }
            assertNull(failure.get());
            long total = 0;
            try (Session s = store.openSession(threads); Arena arena = Arena.ofConfined()) {
                final MemorySegment out = arena.allocate(120);
                for (int ki = 0; ki < keys.length; ki++) {
                    final int len = s.read(StoreFixture.key(arena, keys[ki]), out);
                    assertEquals(ki % 2 == 0 ? 16 : 120, len, "counter value keeps its size");
                    total += out.get(StoreFixture.LE, 0);
                }
            }
            long expected = 0;
            for (final long a : added) {
                expected += a;
            }
            assertEquals(expected, total, "every increment counted exactly once");
        }
    }
}
