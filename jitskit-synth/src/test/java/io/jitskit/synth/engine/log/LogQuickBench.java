package io.jitskit.synth.engine.log;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A quick throughput probe of generated log stores, not a test: 2 threads on 1M keys x 100 B values whose memory plan
 * (log tails + read cache) holds a quarter of the data, for a YCSB-A (50:50) and a YCSB-B (95:5) zipfian 0.99 mix and
 * a uniform 50:50 mix. Prints Mops/s and the store's metrics. Keys and the zipfian ranks are precomputed so the timed
 * loop does only the store's work.
 *
 * <p>How to run (from the repository root, after {@code mvn -o -pl jitskit-synth test-compile}):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "$(cat /tmp/cp.txt):jitskit-synth/target/test-classes:\
 *   jitskit-synth/target/classes" io.jitskit.synth.engine.log.LogQuickBench [keys] [seconds]
 * </pre>
 * or with a suite card instead of a key count ({@code specs/ycsb-a-ltm.yaml 10}): its keys, budget, read share (the
 * rest upserts) and distribution; it also prints the process's resident memory against the card's budget.
 */
public final class LogQuickBench {

    private static final int VALUE_BYTES = 100;
    private static final int THREADS = 2;
    private static final int SAMPLES = 1 << 22;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private LogQuickBench() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length > 0 && args[0].endsWith(".yaml")) {
            // A suite card: its keys, budget, mix (read share; the rest upserts) and distribution, in a temp dir.
            final Spec card = SpecParser.parse(Path.of(args[0]));
            final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
            final Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "log-bench");
            final Spec spec = card.withEnvironment(card.environment().withStorageDir(dir));
            run(card.name(), spec, dir, spec.workload().keyCount(), seconds,
                (int) Math.round(spec.workload().mix().of(Operation.READ) * 100), spec.workload().distribution());
            return;
        }
        final long keys = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        run("ycsb-a zipf 0.99", keys, seconds, 50, new KeyDistribution.Zipfian(0.99));
        run("ycsb-b zipf 0.99", keys, seconds, 95, new KeyDistribution.Zipfian(0.99));
        run("uniform 50:50", keys, seconds, 50, new KeyDistribution.Uniform());
    }

    private static void run(final String label, final long keys, final int seconds, final int readPercent,
                            final KeyDistribution distribution) throws Exception {
        final Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "log-bench");
        run(label, quarterBudgetSpec(keys, readPercent, distribution, dir), dir, keys, seconds, readPercent,
            distribution);
    }

    private static void run(final String label, final Spec spec, final Path dir, final long keys, final int seconds,
                            final int readPercent, final KeyDistribution distribution) throws Exception {
        final LogDesign design = LogDesign.initial(spec);
        final StoreProvider provider = LogStoreFixture.provider(spec, design);
        System.out.printf(Locale.ROOT, "%n== %s: %,d keys, budget %s, data %s%n   %s%n", label, keys,
            LogDesign.bytes(spec.environment().memoryBudgetBytes()), LogDesign.bytes(design.dataBytes()),
            design.describe());
        final long[] ranks = ranks(keys, distribution);
        try (Store store = provider.open(new StoreContext(spec, dir))) {
            final long loadStart = System.nanoTime();
            parallel(t -> {
                try (Arena arena = Arena.ofConfined(); Session s = store.openSession(t)) {
                    final MemorySegment k = arena.allocate(8);
                    final MemorySegment v = arena.allocate(VALUE_BYTES);
                    for (long id = t; id < keys; id += THREADS) {
                        k.set(LONG, 0, scramble(id));
                        v.set(LONG, 0, id);
                        s.upsert(k, v);
                    }
                }
            });
            System.out.printf(Locale.ROOT, "   load: %.2f Mops/s%n", keys / ((System.nanoTime() - loadStart) / 1e3));
            final AtomicBoolean running = new AtomicBoolean(true);
            final LongAdder ops = new LongAdder();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    final SplittableRandom random = new SplittableRandom(thread * 7919L + 1);
                    try (Arena arena = Arena.ofConfined(); Session s = store.openSession(thread)) {
                        final MemorySegment k = arena.allocate(8);
                        final MemorySegment v = arena.allocate(VALUE_BYTES);
                        final MemorySegment out = arena.allocate(VALUE_BYTES);
                        long done = 0;
                        int i = random.nextInt(SAMPLES);
                        while (running.getOpaque()) {
                            for (int batch = 0; batch < 256; batch++) {
                                final long id = ranks[i];
                                i = (i + 1) & (SAMPLES - 1);
                                k.set(LONG, 0, scramble(id));
                                if (random.nextInt(100) < readPercent) {
                                    if (s.read(k, out) != VALUE_BYTES || out.get(LONG, 0) != id) {
                                        throw new AssertionError("key " + id + " read back wrong");
                                    }
                                } else {
                                    v.set(LONG, 0, id);
                                    v.set(LONG, 8, done);
                                    s.upsert(k, v);
                                }
                            }
                            done += 256;
                        }
                        ops.add(done);
                    }
                }));
            }
            final long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            running.set(false);
            for (final Thread t : threads) {
                t.join();
            }
            final double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "   run:  %.3f Mops/s (%,d ops in %.1f s, %d threads)%n",
                ops.sum() / elapsed / 1e6, ops.sum(), elapsed, THREADS);
            System.out.println("   metrics: " + store.metrics().orElseThrow().snapshot());
            System.out.printf(Locale.ROOT, "   resident: process %s (budget %s), store files in page cache %s%n",
                LogDesign.bytes(residentBytes()), LogDesign.bytes(spec.environment().memoryBudgetBytes()),
                LogDesign.bytes(PageCache.residentBytes(dir)));
        } finally {
            deleteTree(dir);
        }
    }

    /** The smallest budget (4 MiB steps) whose log tails and cache hold at least a quarter of the data. */
    private static Spec quarterBudgetSpec(final long keys, final int readPercent, final KeyDistribution distribution,
                                          final Path dir) {
        for (long budget = 128L << 20; ; budget += 4L << 20) {
            final Spec spec = LogStoreFixture.spec("bench-" + readPercent, keys, new SizeDistribution.Fixed(
                    VALUE_BYTES), EnumSet.of(Operation.READ, Operation.UPSERT), Durability.none(), budget, dir,
                LogStoreFixture.mix(readPercent, 100 - readPercent), distribution);
            try {
                final LogDesign d = LogDesign.initial(spec);
                if (d.cacheBytes() + (long) THREADS * d.mainRingBytes() >= d.dataBytes() / 4) {
                    return spec;
                }
            } catch (final io.jitskit.synth.engine.DesignException e) {
                // too small yet
            }
        }
    }

    /** Key ids in access order: zipfian ranks (YCSB's generator) scattered over the ids, or uniform. */
    private static long[] ranks(final long keys, final KeyDistribution distribution) {
        final SplittableRandom random = new SplittableRandom(42);
        final long[] out = new long[SAMPLES];
        if (distribution instanceof KeyDistribution.Zipfian z) {
            final double theta = z.theta();
            double zetan = 0;
            for (long i = 1; i <= keys; i++) {
                zetan += 1 / Math.pow(i, theta);
            }
            final double zeta2 = 1 + 1 / Math.pow(2, theta);
            final double alpha = 1 / (1 - theta);
            final double eta = (1 - Math.pow(2.0 / keys, 1 - theta)) / (1 - zeta2 / zetan);
            for (int i = 0; i < SAMPLES; i++) {
                final double u = random.nextDouble();
                final double uz = u * zetan;
                final long rank = uz < 1 ? 0 : uz < zeta2 ? 1
                    : (long) (keys * Math.pow(eta * u - eta + 1, alpha));
                // Hot ranks land on scattered ids, as the harness's permutation does.
                out[i] = Math.floorMod(scramble(Math.min(rank, keys - 1)), keys);
            }
        } else {
            for (int i = 0; i < SAMPLES; i++) {
                out[i] = random.nextLong(keys);
            }
        }
        return out;
    }

    private static void deleteTree(final Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (final Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** VmRSS of this process (anonymous + file + shared resident), from /proc. */
    private static long residentBytes() throws java.io.IOException {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static long scramble(final long id) {
        long h = id * 0xD6E8_FEB8_6659_FD93L;
        h ^= h >>> 32;
        h *= 0xD6E8_FEB8_6659_FD93L;
        return h ^ (h >>> 32);
    }

    private interface Body {
        void run(int thread) throws Exception;
    }

    private static void parallel(final Body body) throws InterruptedException {
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    body.run(thread);
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (final Thread t : threads) {
            t.join();
        }
    }
}
