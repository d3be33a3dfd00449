package io.jitskit.report.compare;

import io.jitskit.spec.Spec;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/** A whole comparison: expand the configurations, run them interleaved, aggregate, write the directory. */
public final class Comparison {

    private Comparison() {
    }

    /** Runs {@code request} with child JVMs and writes its files into {@code request.outDir()}. */
    public static CompareResult run(final CompareRequest request, final Spec spec, final CompareListener listener)
        throws IOException, InterruptedException {
        final Duration planned = request.duration() != null ? request.duration()
            : spec.workload().run().isTimed() ? spec.workload().run().duration() : Duration.ofMinutes(10);
        // As for jitskit bench: generous enough for load and a slow store, short enough to catch a hang.
        final Duration deadline = planned.multipliedBy(3).plusMinutes(5);
        final RunExecutor executor = new ForkedRunExecutor(request.specFile(), spec, request.threads(),
            request.duration(), request.outDir(), request.jvmArgs(), deadline);
        return run(request, spec, executor, listener);
    }

    /** Runs {@code request} through {@code executor} and writes its files into {@code request.outDir()}. */
    public static CompareResult run(final CompareRequest request, final Spec spec, final RunExecutor executor,
                                    final CompareListener listener) throws IOException, InterruptedException {
        final String startedAt = Instant.now().toString();
        final List<StoreVariant> configurations = configurations(request.stores(), request.sweep());
        final List<RunRecord> runs = new InterleavedRunner(configurations, request.runs(), seeds(request), executor,
            listener)
            .run();
        final CompareResult result = aggregate(request, spec, configurations, runs, startedAt, executor);
        CompareIo.write(result, request.outDir());
        return result;
    }

    /** The rounds' seeds: fresh, derived from the request's seed, and the first of them only with one seed. */
    static LongSupplier seeds(final CompareRequest request) {
        final LongSupplier drawn = request.seed() == null ? new SecureRandom()::nextLong
            : new SplittableRandom(request.seed())::nextLong;
        if (!request.oneSeed()) {
            return drawn;
        }
        final long only = drawn.getAsLong();
        return () -> only;
    }

    /** The configurations to run: each store as given, or its whole grid when sweeping and it has one. */
    public static List<StoreVariant> configurations(final List<StoreVariant> stores, final boolean sweep) {
        final List<StoreVariant> out = new ArrayList<>();
        for (final StoreVariant s : stores) {
            final List<StoreVariant> expanded = sweep
                ? KnobGrid.forStore(s.store()).map(g -> g.expand(s)).orElse(List.of(s)) : List.of(s);
            for (final StoreVariant v : expanded) {
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    static CompareResult aggregate(final CompareRequest request, final Spec spec,
                                   final List<StoreVariant> configurations, final List<RunRecord> runs,
                                   final String startedAt, final RunExecutor executor) {
        final Map<StoreVariant, List<RunRecord>> byVariant = new LinkedHashMap<>();
        configurations.forEach(v -> byVariant.put(v, new ArrayList<>()));
        runs.forEach(r -> byVariant.get(r.variant()).add(r));
        final List<StoreAggregate> rows = new ArrayList<>();
        byVariant.forEach((v, rs) -> rows.add(Aggregates.summarize(v, rs, request.runs(), executor::resultFile)));
        final List<String> order = runs.stream().map(r -> r.round() + ":" + r.variant().label()).toList();
        final List<KnobGrid> grids = request.sweep() ? request.stores().stream()
            .map(s -> KnobGrid.forStore(s.store())).flatMap(java.util.Optional::stream).distinct().toList()
            : List.of();
        // Without a sweep every configuration given is a row of its own: the user asked to compare exactly those.
        final List<StoreAggregate> stores = Aggregates.rank(request.sweep() ? Aggregates.bestPerStore(rows) : rows);
        final int threads = request.threads() > 0 ? request.threads() : spec.environment().threads();
        final Double seconds = request.duration() == null ? null : request.duration().toMillis() / 1e3;
        return new CompareResult(CompareResult.SCHEMA, spec.name(), request.specFile().toString(), startedAt,
            Instant.now().toString(), request.runs(), threads, seconds, request.sweep(),
            CompareResult.RATIO_DEFINITION, order, stores, request.sweep() ? Aggregates.order(rows) : stores, grids);
    }
}
