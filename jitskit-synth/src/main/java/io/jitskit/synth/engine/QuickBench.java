package io.jitskit.synth.engine;

import io.jitskit.api.MetricNames;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
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
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throughput sanity check, not a benchmark: generates and compiles the store for a small YCSB-like card, loads N
 * scattered keys, runs worker threads of zipfian read/upsert for a few seconds, and prints Mops/s beside a
 * {@link ConcurrentHashMap} doing the same work. Key streams are pre-generated so the timed loop only calls the store.
 *
 * <pre>
 * java -cp ... io.jitskit.synth.engine.QuickBench [keys=1000000] [seconds=3] [readPercent=100] [valueBytes=100]
 *      [threads=2] [durability=checkpoint|none]
 * </pre>
 */
public final class QuickBench {

    private static final ValueLayout.OfLong LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int STREAM = 1 << 20;

    private QuickBench() {
    }

    public static void main(final String[] args) throws Exception {
        final long keys = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final int readPercent = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        final int valueBytes = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        final int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        final Durability durability = args.length > 5 && args[5].equals("none") ? Durability.none()
            : Durability.checkpoint();
        final Path work = Files.createTempDirectory("jitskit-quickbench");
        final Spec spec = new Spec("quickbench", null,
            new Environment(4L << 30, 0.2, threads, work, Environment.Medium.NVME, List.of()),
            new Workload(keys, new KeyFormat.Id8(), new SizeDistribution.Fixed(valueBytes),
                OperationMix.readUpsert(readPercent), new KeyDistribution.Zipfian(0.99), new TemporalPattern.Steady(),
                true, Phase.of(Duration.ofSeconds(seconds)), null),
            new Requirements(EnumSet.of(Operation.READ, Operation.UPSERT), Requirements.Rmw.addU64(),
                Requirements.Consistency.LINEARIZABLE, durability, Requirements.Objective.throughput(),
                EnumSet.allOf(Requirements.Forbidden.class)));
        final Design design = Design.initial(spec);
        System.out.println("design: " + design.describe());
        final CompiledStore compiled = StoreCompiler.compile(StoreSourceGenerator.generate(spec, design), work);
        if (!compiled.success()) {
            System.err.println(String.join("\n", compiled.diagnostics()));
            System.exit(1);
        }
        System.out.println("compiled in " + compiled.compileMillis() + " ms: " + compiled.jar());
        final StoreProvider provider = compiled.load();
        final int[][] streams = zipfianStreams(keys, threads);
        final long[] scattered = scatteredKeys(keys);
        try (Store store = provider.open(new StoreContext(spec, work.resolve("data")))) {
            final long loadStart = System.nanoTime();
            try (Session s = store.openSession(threads); Arena arena = Arena.ofConfined()) {
                final MemorySegment key = arena.allocate(8);
                final MemorySegment value = arena.allocate(valueBytes);
                for (final long k : scattered) {
                    key.set(LE, 0, k);
                    value.set(LE, 0, k);
                    s.upsert(key, value);
                }
            }
            System.out.printf(Locale.ROOT, "loaded %,d keys in %.2f s%n", keys, (System.nanoTime() - loadStart) / 1e9);
            final double mops = runStore(store, streams, scattered, readPercent, valueBytes, seconds);
            System.out.printf(Locale.ROOT, "generated store: %.2f Mops/s total (%d threads, %d%% reads, %d-B values)%n",
                mops, threads, readPercent, valueBytes);
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            System.out.printf(Locale.ROOT, "  probe length mean %.3f max %.0f, read retries %.0f%n",
                m.get(MetricNames.INDEX_PROBE_LENGTH_MEAN), m.get(MetricNames.INDEX_PROBE_LENGTH_MAX),
                m.get(MetricNames.SEQLOCK_READ_RETRIES));
        }
        final double chm = runMap(streams, scattered, readPercent, valueBytes, seconds);
        System.out.printf(Locale.ROOT, "ConcurrentHashMap<Long, byte[]>: %.2f Mops/s total%n", chm);
    }

    private static double runStore(final Store store, final int[][] streams, final long[] keys, final int readPercent,
                                   final int valueBytes, final int seconds) throws Exception {
        final AtomicBoolean stop = new AtomicBoolean();
        final long[] ops = new long[streams.length];
        final CyclicBarrier start = new CyclicBarrier(streams.length + 1);
        final Thread[] workers = new Thread[streams.length];
        for (int t = 0; t < streams.length; t++) {
            final int id = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                try (Session s = store.openSession(id); Arena arena = Arena.ofConfined()) {
                    final MemorySegment key = arena.allocate(8);
                    final MemorySegment value = arena.allocate(valueBytes);
                    final MemorySegment out = arena.allocate(valueBytes);
                    final int[] stream = streams[id];
                    final SplittableRandom rnd = new SplittableRandom(id);
                    start.await();
                    long n = 0;
                    while (!stop.get()) {
                        for (int i = 0; i < 4096; i++) {
                            key.set(LE, 0, keys[stream[(int) (n & (STREAM - 1))]]);
                            if (rnd.nextInt(100) < readPercent) {
                                s.read(key, out);
                            } else {
                                value.set(LE, 0, n);
                                s.upsert(key, value);
                            }
                            n++;
                        }
                    }
                    ops[id] = n;
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return time(start, stop, workers, ops, seconds);
    }

    private static double runMap(final int[][] streams, final long[] keys, final int readPercent,
                                 final int valueBytes, final int seconds) throws Exception {
        final ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>(keys.length * 2);
        for (final long k : keys) {
            map.put(k, new byte[valueBytes]);
        }
        final AtomicBoolean stop = new AtomicBoolean();
        final long[] ops = new long[streams.length];
        final CyclicBarrier start = new CyclicBarrier(streams.length + 1);
        final Thread[] workers = new Thread[streams.length];
        for (int t = 0; t < streams.length; t++) {
            final int id = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                try {
                    final byte[] out = new byte[valueBytes];
                    final int[] stream = streams[id];
                    final SplittableRandom rnd = new SplittableRandom(id);
                    start.await();
                    long n = 0;
                    while (!stop.get()) {
                        for (int i = 0; i < 4096; i++) {
                            final long k = keys[stream[(int) (n & (STREAM - 1))]];
                            if (rnd.nextInt(100) < readPercent) {
                                final byte[] v = map.get(k);
                                System.arraycopy(v, 0, out, 0, v.length);
                            } else {
                                // Copy in, as a store must: the caller owns its buffer.
                                map.put(k, out.clone());
                            }
                            n++;
                        }
                    }
                    ops[id] = n;
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return time(start, stop, workers, ops, seconds);
    }

    private static double time(final CyclicBarrier start, final AtomicBoolean stop, final Thread[] workers,
                               final long[] ops, final int seconds) throws Exception {
        start.await();
        final long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (final Thread w : workers) {
            w.join();
        }
        final double elapsed = (System.nanoTime() - t0) / 1e9;
        long total = 0;
        for (final long n : ops) {
            total += n;
        }
        return total / elapsed / 1e6;
    }

    /** Key ids scattered over 64 bits by a seeded bijection, as the harness's permutation does. */
    private static long[] scatteredKeys(final long n) {
        final long[] keys = new long[(int) n];
        for (int i = 0; i < n; i++) {
            long x = (i + 0x51ED27E4L) * 0x9E3779B97F4A7C15L;
            x ^= x >>> 31;
            keys[i] = x * 0xBF58476D1CE4E5B9L;
        }
        return keys;
    }

    /** YCSB's zipfian (theta 0.99) over key ids, ranks scattered so hot ids are not adjacent. */
    private static int[][] zipfianStreams(final long n, final int threads) {
        final double theta = 0.99;
        double zetan = 0;
        for (long i = 1; i <= n; i++) {
            zetan += 1 / Math.pow(i, theta);
        }
        final double zeta2 = 1 + 1 / Math.pow(2, theta);
        final double alpha = 1 / (1 - theta);
        final double eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
        final int[][] streams = new int[threads][STREAM];
        for (int t = 0; t < threads; t++) {
            final SplittableRandom rnd = new SplittableRandom(100 + t);
            for (int i = 0; i < STREAM; i++) {
                final double u = rnd.nextDouble();
                final double uz = u * zetan;
                final long rank = uz < 1 ? 0 : uz < zeta2 ? 1 : (long) (n * Math.pow(eta * u - eta + 1, alpha));
                streams[t][i] = (int) Math.floorMod(rank * 0x9E3779B1L, n);
            }
        }
        return streams;
    }
}
