package io.jitskit.workload.gen;

import io.jitskit.spec.SizeDistribution;

/** Draws value sizes from a {@link SizeDistribution}. Stateless apart from the thread's {@link Rng}. */
public interface SizeChooser {

    /** The next size in bytes. */
    int nextSize(Rng rng);

    /**
     * The chooser for {@code sizes}.
     *
     * @throws IllegalArgumentException for {@link SizeDistribution.FromTrace}: a trace workload replays the traced
     *                                  sizes itself, and a generator has no trace to draw them from
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
            case SizeDistribution.FromTrace t -> throw new IllegalArgumentException(
                "workload.valueSizes: from-trace sizes need workload.trace; a generated workload cannot invent them "
                    + "(use fixed, uniform or bimodal)");
        };
    }
}
