package io.jitskit.workload;

import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.Phase;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.TemporalPattern;
import io.jitskit.spec.Workload;
import io.jitskit.workload.gen.Arrivals;
import io.jitskit.workload.gen.GeneratedOpSource;
import io.jitskit.workload.gen.InsertIds;
import io.jitskit.workload.gen.KeyChooser;
import io.jitskit.workload.gen.LoadOpSource;
import io.jitskit.workload.gen.Mix;
import io.jitskit.workload.gen.Rng;
import io.jitskit.workload.gen.SizeChooser;
import io.jitskit.workload.gen.TimeOrderOpSource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the per-thread {@link OpSource}s of a generated workload card.
 *
 * <p>Every source of a run derives from {@code (seed, thread)} alone, so a run is reproducible from its seed and
 * thread count, and the phase a source belongs to (load or run) has its own random stream. A trace workload is
 * replayed by {@code io.jitskit.workload.trace.TraceCache} instead.
 */
public final class Workloads {

    private static final long LOAD_STREAM = 0x4C4F_4144L << 32;
    private static final long RUN_STREAM = 0x5255_4E00L << 32;

    private Workloads() {
    }

    /**
     * The run phase: one source per thread. An operation-count phase splits its count over the threads (thread t
     * issues {@link #operationShare}), a timed phase never runs dry.
     *
     * @throws IllegalArgumentException when the card cannot be generated (see {@link #check})
     */
    public static OpSource[] runSources(final Workload w, final int threads, final long seed) {
        check(w, threads);
        final OpSource[] sources = new OpSource[threads];
        for (int t = 0; t < threads; t++) {
            final Rng rng = Rng.forStream(seed, RUN_STREAM + t);
            final Arrivals arrivals = new Arrivals(w.mix(), w.temporal());
            final SizeChooser sizes = SizeChooser.of(w.valueSizes());
            final long operations = w.run().isTimed() ? Long.MAX_VALUE
                : operationShare(w.run().operations(), t, threads);
            if (w.distribution() instanceof KeyDistribution.TimeOrder) {
                sources[t] = new TimeOrderOpSource(rng, arrivals, sizes, w.keyCount(), t, threads, operations);
            } else {
                final InsertIds inserts = new InsertIds(w.keyCount(), t, threads);
                final KeyChooser keys = KeyChooser.of(w.distribution(), w.keyCount(), seed, inserts);
                sources[t] = new GeneratedOpSource(rng, arrivals, keys, sizes, inserts, operations);
            }
        }
        return sources;
    }

    /**
     * The load phase: one source per thread, together writing every id of {@code [0, keyCount)} exactly once as an
     * UPSERT. Thread t takes a contiguous share, shuffled; for time order it takes its own ids ({@code id mod
     * threads == t}) oldest first, the ids its run-phase window starts with.
     */
    public static OpSource[] loadSources(final Workload w, final int threads, final long seed) {
        check(w, threads);
        final OpSource[] sources = new OpSource[threads];
        final boolean timeOrder = w.distribution() instanceof KeyDistribution.TimeOrder;
        long first = 0;
        for (int t = 0; t < threads; t++) {
            final Rng rng = Rng.forStream(seed, LOAD_STREAM + t);
            final SizeChooser sizes = SizeChooser.of(w.valueSizes());
            if (timeOrder) {
                sources[t] = LoadOpSource.ascending(rng, sizes, t, TimeOrderOpSource.liveShare(w.keyCount(), t,
                    threads), threads);
            } else {
                final long share = operationShare(w.keyCount(), t, threads);
                sources[t] = LoadOpSource.shuffledRange(rng, sizes, first, share, Mix.mix64(seed + t));
                first += share;
            }
        }
        return sources;
    }

    /** Thread {@code thread}'s share of {@code total} operations: as even as possible, earlier threads get the rest. */
    public static long operationShare(final long total, final int thread, final int threads) {
        return total / threads + (thread < total % threads ? 1 : 0);
    }

    /**
     * Rejects a card this module cannot generate, with the field and the fix.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void check(final Workload w, final int threads) {
        if (threads <= 0 || threads > VersionClock.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + VersionClock.MAX_THREADS + "], was "
                + threads);
        }
        if (w.trace() != null) {
            throw new IllegalArgumentException("workload.trace: a trace workload is replayed, not generated; open it "
                + "with TraceCache.open(trace, cacheDir)");
        }
        if (w.mix().of(Operation.RMW) > 0 && w.valueSizes().min() < Long.BYTES) {
            throw new IllegalArgumentException("workload.valueSizes: rmw (add-u64) needs values of at least 8 bytes, "
                + "min is " + w.valueSizes().min() + "; raise the minimum size or drop rmw from the mix");
        }
        if (w.distribution() instanceof KeyDistribution.TimeOrder) {
            final double inserts = w.mix().of(Operation.INSERT);
            final double deletes = w.mix().of(Operation.DELETE);
            if (Math.abs(inserts - deletes) > 1e-9) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "workload.mix: time order keeps the "
                    + "live window at key count, so insert and delete proportions must be equal (were %.4f and "
                    + "%.4f); make them equal", inserts, deletes));
            }
            if (w.keyCount() < threads) {
                throw new IllegalArgumentException("workload.keyCount: time order needs at least one live key per "
                    + "thread (" + w.keyCount() + " keys, " + threads + " threads)");
            }
        }
        SizeChooser.of(w.valueSizes());
    }

    /**
     * Measures how fast one thread generates the run phase of {@code w}: fills batches of
     * {@link OpBatch#DEFAULT_CAPACITY} for {@code operations} operations after a warm-up of the same length. Not for
     * unit tests (it is a timing); see {@link #main}.
     *
     * @return operations generated per second
     */
    public static double measureGenerationRate(final Workload w, final long seed, final long operations) {
        final Workload timed = w.scaled(w.keyCount(), Phase.of(Duration.ofDays(1)));
        final OpBatch batch = new OpBatch();
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) {
            final OpSource source = runSources(timed, 1, seed + pass)[0];
            final long start = System.nanoTime();
            long done = 0;
            while (done < operations) {
                done += source.fill(batch);
                sink += batch.keyIds[batch.size - 1];
            }
            final long elapsed = System.nanoTime() - start;
            if (pass == 1) {
                // sink keeps the JIT from discarding the fills; printing it would add noise, comparing it is free
                return sink == Long.MIN_VALUE ? 0 : done * 1e9 / elapsed;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Prints the generation rate of representative cards: {@code java -cp ... io.jitskit.workload.Workloads [keys]
     * [operations]} (defaults 10 M keys, 50 M operations).
     */
    public static void main(final String[] args) {
        final long keys = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        final long ops = args.length > 1 ? Long.parseLong(args[1]) : 50_000_000L;
        final Map<String, Workload> cards = new LinkedHashMap<>();
        final SizeDistribution hundred = new SizeDistribution.Fixed(100);
        cards.put("ycsb-a zipfian 0.99", card(keys, hundred, OperationMix.readUpsert(50),
            new KeyDistribution.Zipfian(0.99), new TemporalPattern.Steady()));
        cards.put("uniform 50:50", card(keys, hundred, OperationMix.readUpsert(50), new KeyDistribution.Uniform(),
            new TemporalPattern.Steady()));
        cards.put("scrambled zipfian 0.99", card(keys, hundred, OperationMix.readUpsert(95),
            new KeyDistribution.ScrambledZipfian(0.99), new TemporalPattern.Steady()));
        cards.put("bimodal 20/200", card(keys, new SizeDistribution.Bimodal(20, 200, 0.9),
            OperationMix.readUpsert(50), new KeyDistribution.Zipfian(0.99), new TemporalPattern.Steady()));
        final Map<Operation, Double> insertDelete = new EnumMap<>(Operation.class);
        insertDelete.put(Operation.INSERT, 0.5);
        insertDelete.put(Operation.DELETE, 0.5);
        cards.put("time order bursty", card(keys, hundred, new OperationMix(insertDelete),
            new KeyDistribution.TimeOrder(), new TemporalPattern.Bursts(64, 1280)));
        for (final Map.Entry<String, Workload> e : cards.entrySet()) {
            final double rate = measureGenerationRate(e.getValue(), 42, ops);
            System.out.printf(Locale.ROOT, "%-24s %8.1f M ops/s generated per thread%n", e.getKey(), rate / 1e6);
        }
    }

    private static Workload card(final long keys, final SizeDistribution sizes, final OperationMix mix,
                                 final KeyDistribution distribution, final TemporalPattern temporal) {
        return new Workload(keys, new KeyFormat.Id8(), sizes, mix, distribution, temporal, true,
            Phase.ofOperations(1), null);
    }
}
