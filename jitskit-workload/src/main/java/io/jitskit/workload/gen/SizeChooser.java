package io.jitskit.workload.gen;

import io.jitskit.spec.SizeDistribution;

/** Draws value sizes from a {@link SizeDistribution}. Stateless apart from the thread's {@link Rng}. */
public interface SizeChooser {

    /** The next size in bytes. */
    int nextSize(Rng rng);

    /**
     * The chooser for {@code sizes}.
     *
     * @throws IllegalArgumentException for {@link SizeDistribution.FromTrace} bounds not yet checked against their
     *                                  trace: a trace workload replays the traced sizes itself, and a generator
     *                                  (the gate's, on a trace card) draws from the sizes the trace was observed to
     *                                  hold, which only reading the trace gives
     */
    static SizeChooser of(final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Fixed f -> {
                final int size = f.size();
                yield rng -> size;
            }
            case SizeDistribution.Uniform u -> {
                final int min = u.min();
                final int span = u.max() - u.min() + 1;
                yield rng -> min + rng.nextInt(span);
            }
            case SizeDistribution.Bimodal b -> {
                final long smallThreshold = OpMix.threshold(b.smallWeight());
                final int small = b.small();
                final int large = b.large();
                yield rng -> (rng.nextLong() >>> 11) < smallThreshold ? small : large;
            }
            case SizeDistribution.FromTrace t when !t.observed().isEmpty() -> {
                final int[] observed = t.observedSizes();
                yield rng -> observed[rng.nextInt(observed.length)];
            }
            case SizeDistribution.FromTrace t -> throw new IllegalArgumentException(
                "workload.valueSizes: from-trace sizes need workload.trace; a generated workload cannot invent them "
                    + "(use fixed, uniform or bimodal)");
        };
    }
}
