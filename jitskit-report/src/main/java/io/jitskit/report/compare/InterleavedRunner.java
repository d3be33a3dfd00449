package io.jitskit.report.compare;

import io.jitskit.harness.bench.BenchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs every store configuration {@code rounds} times, round-robin: round 1 of each configuration in the order
 * given, round 2 in the reverse order, and so on alternating, so that no store always runs first (on a fresh page
 * cache and a cool machine) or always right after a given neighbour. A slow drift of the machine (thermal throttling, a neighbour's load, page cache
 * state) then lands on every store alike rather than on whichever store happened to run last, and the spread of a
 * store's runs measures noise across the whole comparison window.
 *
 * <p>Each round draws one seed from {@code seeds} and gives it to every configuration in the round, so all stores
 * of a round see the same permuted keys and the same value bytes; rounds differ, so no store can be tuned to one
 * seed. A configuration whose run comes back {@code skipped} (it cannot serve the spec) is not run again: the
 * reason depends on the spec, not on the round. A run during which other processes took more than a tenth of the
 * machine is run again, at most {@link #DISTURBED_RETRIES} times; the run kept says in its result whether it was.
 */
public final class InterleavedRunner {

    /** Times a run disturbed by other processes ({@link BenchResult#disturbed()}) is run again before it is kept. */
    static final int DISTURBED_RETRIES = 2;

    private final List<StoreVariant> variants;
    private final int rounds;
    private final LongSupplier seeds;
    private final RunExecutor executor;
    private final CompareListener listener;

    public InterleavedRunner(final List<StoreVariant> variants, final int rounds, final LongSupplier seeds,
                             final RunExecutor executor, final CompareListener listener) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give at least one store");
        }
        if (new HashSet<>(variants).size() != variants.size()) {
            throw new IllegalArgumentException("a store configuration is listed twice in " + variants);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + rounds);
        }
        this.variants = List.copyOf(variants);
        this.rounds = rounds;
        this.seeds = seeds;
        this.executor = executor;
        this.listener = listener;
    }

    /** Runs the schedule; returns every run in execution order. */
    public List<RunRecord> run() throws IOException, InterruptedException {
        final List<RunRecord> done = new ArrayList<>();
        final Set<StoreVariant> skipped = new HashSet<>();
        final int total = rounds * variants.size();
        int planned = 0;
        for (int round = 1; round <= rounds; round++) {
            final long seed = seeds.getAsLong();
            for (final StoreVariant v : round % 2 == 1 ? variants : variants.reversed()) {
                planned++;
                if (skipped.contains(v)) {
                    continue;
                }
                BenchResult result = executor.run(v, round, seed, listener.starting(v, round, rounds, planned, total));
                // A run beside a busy neighbour measured the neighbour too: run it again, a bounded number of times.
                for (int retry = 0; retry < DISTURBED_RETRIES && result.ok() && result.disturbed(); retry++) {
                    listener.disturbed(v, round, result);
                    result = executor.run(v, round, seed, listener.starting(v, round, rounds, planned, total));
                }
                final RunRecord record = new RunRecord(v, round, done.size() + 1, seed, result);
                done.add(record);
                if ("skipped".equals(result.verdict())) {
                    skipped.add(v);
                }
                listener.finished(record);
            }
        }
        return done;
    }
}
