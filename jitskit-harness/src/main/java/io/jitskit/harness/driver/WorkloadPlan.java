package io.jitskit.harness.driver;

import io.jitskit.spec.KeyDistribution;
import io.jitskit.spec.KeyFormat;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.TraceSource;
import io.jitskit.spec.Workload;
import io.jitskit.workload.KeyFootprint;
import io.jitskit.workload.KeySpace;
import io.jitskit.workload.OpSource;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.Workloads;
import io.jitskit.workload.trace.CompactTrace;
import io.jitskit.workload.trace.TraceCache;
import io.jitskit.workload.trace.TraceStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A spec's workload made concrete for one run: the hidden key permutation and value codec (both from the run's
 * seed), the op sources for each phase, and the rules for judging a read miss.
 */
public final class WorkloadPlan implements AutoCloseable {

    private final Workload workload;
    private final long seed;
    private final KeySpace keySpace;
    private final ValueCodec codec;
    private final CompactTrace trace;
    private final boolean missIsFailure;
    private final java.util.Set<Operation> requiredOps;
    private final long memoryBudgetBytes;

    private WorkloadPlan(final Workload workload, final long seed, final CompactTrace trace,
                         final java.util.Set<Operation> requiredOps, final long memoryBudgetBytes) {
        this.workload = workload;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.requiredOps = requiredOps;
        this.seed = seed;
        this.trace = trace;
        // A trace that recorded its keys' original lengths replays keys of those lengths, as CacheLib pads them.
        this.keySpace = trace == null ? new KeySpace(workload.keyFormat(), seed)
            : new KeySpace(workload.keyFormat(), seed, trace::keySize);
        // With rmw in play the first 8 bytes are a counter the store changes, so they cannot be checked.
        this.codec = workload.mix().of(Operation.RMW) > 0 || trace != null && trace.stats().count(Operation.RMW) > 0
            ? ValueCodec.withRmwCounter(seed) : ValueCodec.plain(seed);
        // After a full load, with nothing in the mix that removes keys, every key must read back.
        this.missIsFailure = workload.load() && trace == null && workload.mix().of(Operation.DELETE) == 0;
    }

    /** A plan for {@code spec}'s workload with the run's hidden {@code seed}; traces are converted once and cached. */
    public static WorkloadPlan of(final Spec spec, final long seed) throws IOException {
        final TraceSource source = spec.workload().trace();
        if (source == null) {
            return new WorkloadPlan(spec.workload(), seed, null, spec.requirements().operations(),
                spec.environment().memoryBudgetBytes());
        }
        return new WorkloadPlan(spec.workload(), seed, TraceCache.open(source, traceCacheDir()),
            spec.requirements().operations(), spec.environment().memoryBudgetBytes());
    }

    /**
     * {@code spec} checked against its trace and completed from it. A replayed trace, looped or not, touches exactly
     * its distinct keys, so a card that declares no count gets that one: stores size their index from it and the gate
     * writes as many keys as the run will (not an arbitrary default). {@code from-trace} sizes get what the trace was
     * observed to hold ({@link SizeDistribution.FromTrace#observed}), so planning sees the data and not the card's
     * generous bounds. The trace's value sizes, and its key lengths when the card takes them {@code from-trace},
     * must lie within the card's bounds, which is what every store is built for. Cards without a trace are returned
     * as they are.
     *
     * @throws SpecException when the trace holds a value or key size outside the card's bounds
     * @throws IOException   when the trace cannot be read or converted
     */
    public static Spec resolveTrace(final Spec spec) throws SpecException, IOException {
        final Workload w = spec.workload();
        if (w.trace() == null) {
            return spec;
        }
        final TraceStats stats;
        try (CompactTrace trace = TraceCache.open(w.trace(), traceCacheDir())) {
            stats = trace.stats();
        }
        final SizeDistribution values = w.valueSizes();
        if (stats.sizeMax() > values.max()) {
            throw outOfBounds(spec, "workload.values", "values up to " + stats.sizeMax() + " B",
                "above the card's maximum of " + values.max() + " B",
                "raise the from-trace maximum to at least " + stats.sizeMax());
        }
        if (stats.knownSizeMin() > 0 && stats.knownSizeMin() < values.min()) {
            throw outOfBounds(spec, "workload.values", "values as small as " + stats.knownSizeMin() + " B",
                "below the card's minimum of " + values.min() + " B",
                "lower the from-trace minimum to at most " + stats.knownSizeMin());
        }
        if (w.keyFormat() instanceof KeyFormat.Variable(SizeDistribution.FromTrace keys)
            && stats.keySizeMax() > keys.max()) {
            throw outOfBounds(spec, "workload.keys.format", "keys as long as " + stats.keySizeMax() + " B",
                "above the card's maximum of " + keys.max() + " B",
                "raise the from-trace maximum to at least " + stats.keySizeMax());
        }
        final Workload counted = w.keyCount() > 0 ? w : w.scaled(Math.max(1, stats.distinctKeys()), w.run());
        final KeyFormat keys = counted.keyFormat() instanceof KeyFormat.Variable(SizeDistribution.FromTrace k)
            && !stats.keySizeSample().isEmpty()
            ? new KeyFormat.Variable(k.withObserved(clamped(stats.keySizeSample(), k))) : counted.keyFormat();
        final SizeDistribution observedValues = counted.valueSizes() instanceof SizeDistribution.FromTrace v
            && !stats.valueSizeSample().isEmpty() ? v.withObserved(stats.valueSizeSample()) : counted.valueSizes();
        return new Spec(spec.name(), spec.source(), spec.environment(),
            counted.withKeysAndValues(keys, observedValues), spec.requirements());
    }

    /** Key lengths as the replay gives them: a trace's shorter keys are padded to the card's minimum. */
    private static List<Integer> clamped(final List<Integer> sample, final SizeDistribution bounds) {
        return sample.stream().map(size -> Math.max(size, bounds.min())).toList();
    }

    private static SpecException outOfBounds(final Spec spec, final String field, final String holds,
                                             final String problem, final String fix) {
        return new SpecException(spec.source(), 0, field,
            "the trace " + spec.workload().trace().file() + " holds " + holds + ", " + problem, fix);
    }

    /** {@code $JITSKIT_CACHE/traces}, else {@code $XDG_CACHE_HOME/jitskit/traces}, else {@code ~/.cache/...}. */
    public static Path traceCacheDir() {
        final String own = System.getenv("JITSKIT_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own, "traces");
        }
        final String xdg = System.getenv("XDG_CACHE_HOME");
        final Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jitskit").resolve("traces");
    }

    OpSource[] loadSources(final int threads) {
        return workload.load() && trace == null ? Workloads.loadSources(workload, threads, seed) : new OpSource[0];
    }

    OpSource[] runSources(final int threads) {
        if (trace != null) {
            return trace.sources(threads, workload.trace().loop());
        }
        // Generated in the timed path, never replayed from a sample: a replayed sample of a few hundred thousand
        // draws touches under 1% of a 10 M-key space where the card's stream touches most of it (EVALUATOR.md).
        return Workloads.runSources(workload, threads, seed);
    }

    /**
     * Whether a timed run may warm up on its own stream first: a generated stream never runs dry. A trace runs cold:
     * replayed once it would lose the part a warm-up took, and looped, a warm-up widened trace-cachelib's A/A spread
     * (8.7% to 20.7%) and ran rocksdb past its budget on trace-cloudphysics-quick (EVALUATOR.md, cause 3).
     */
    boolean warmable(final boolean timedRun) {
        return timedRun && trace == null;
    }

    /**
     * A footprint for one worker of the run phase: over the trace's keys, or over the loaded ids of a card whose
     * ids are not a moving window (time order's are). Null where there is nothing meaningful to count.
     */
    KeyFootprint newFootprint() {
        if (trace != null) {
            return new KeyFootprint(Math.max(1, trace.stats().distinctKeys()));
        }
        return workload.distribution() instanceof KeyDistribution.TimeOrder || workload.keyCount() <= 0 ? null
            : new KeyFootprint(workload.keyCount());
    }

    /** What an i.i.d. stream of {@code draws} key choices would touch; NaN where no such expectation exists. */
    double expectedDistinctKeys(final long draws) {
        return trace != null ? Double.NaN : KeyFootprint.expectedDistinctKeys(workload, seed, draws);
    }

    /** The ids a run names densely from zero: a trace's distinct keys, or the card's key count. */
    long trackableKeys() {
        return trace != null ? Math.max(1, trace.stats().distinctKeys()) : Math.max(1, workload.keyCount());
    }

    /** The card's memory budget: what the store and the harness beside it are held to. */
    long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    Duration runDuration() {
        return workload.run().duration();
    }

    long runOperations() {
        return workload.run().operations();
    }

    public KeySpace keySpace() {
        return keySpace;
    }

    public ValueCodec codec() {
        return codec;
    }

    /** The trace behind this plan, or null for generated workloads. */
    public CompactTrace trace() {
        return trace;
    }

    /**
     * Whether writes of new keys go through {@code insert}: cards that require insert but not upsert (time-ordered
     * insert/delete workloads) load with insert, since a store may refuse operations its card does not require.
     */
    boolean loadWithInsert() {
        return !requiredOps.contains(Operation.UPSERT) && requiredOps.contains(Operation.INSERT);
    }

    boolean missIsFailure() {
        return missIsFailure;
    }

    boolean upsertOnMiss() {
        return trace != null && workload.trace().upsertOnMiss();
    }

    int maxKeyBytes() {
        return keySpace.maxKeyBytes();
    }

    public int maxValueBytes() {
        return Math.max(8, workload.valueSizes().max());
    }

    @Override
    public void close() {
        if (trace != null) {
            trace.close();
        }
    }
}
