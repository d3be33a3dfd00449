package io.jitskit.spec;

import java.util.List;

/**
 * A distribution of byte sizes, for values or for variable-length keys.
 *
 * <p>{@link #min()} and {@link #max()} bound every size the workload will produce; a store may rely on them, and the
 * store SPI rejects sizes outside them.
 */
public sealed interface SizeDistribution {

    /** Smallest size the distribution produces. */
    int min();

    /** Largest size the distribution produces. */
    int max();

    /** Expected size, for capacity planning. */
    double mean();

    /** Whether {@code size} is a size this distribution can produce. */
    default boolean allows(final int size) {
        return size >= min() && size <= max();
    }

    /**
     * Whether every size {@code other} can produce is one this distribution allows: a store built for this one serves
     * a card asking for {@code other}. A range covers any distribution within its bounds; two sizes cover only sizes
     * among them.
     */
    default boolean covers(final SizeDistribution other) {
        return switch (other) {
            case Bimodal b -> allows(b.small()) && allows(b.large());
            default -> other.min() == other.max() ? allows(other.min())
                : !(this instanceof Bimodal) && allows(other.min()) && allows(other.max());
        };
    }

    /** Every value has {@code size} bytes. */
    record Fixed(int size) implements SizeDistribution {
        public Fixed {
            requirePositive(size, "size");
        }

        @Override public int min() { return size; }
        @Override public int max() { return size; }
        @Override public double mean() { return size; }
    }

    /** Sizes drawn uniformly from {@code [min, max]}. */
    record Uniform(int min, int max) implements SizeDistribution {
        public Uniform {
            requirePositive(min, "min");
            if (max < min) {
                throw new IllegalArgumentException("max " + max + " is below min " + min);
            }
        }

        @Override public double mean() { return (min + (double) max) / 2; }
    }

    /**
     * Two sizes: {@code small} with probability {@code smallWeight}, else {@code large}.
     * Exactly these two sizes occur; {@link #allows} accepts nothing in between.
     */
    record Bimodal(int small, int large, double smallWeight) implements SizeDistribution {
        public Bimodal {
            requirePositive(small, "small");
            if (large <= small) {
                throw new IllegalArgumentException("large " + large + " must exceed small " + small);
            }
            if (!(smallWeight > 0 && smallWeight < 1)) {
                throw new IllegalArgumentException("small weight must be in (0, 1), was " + smallWeight);
            }
        }

        @Override public int min() { return small; }
        @Override public int max() { return large; }
        @Override public double mean() { return small * smallWeight + large * (1 - smallWeight); }
        @Override public boolean allows(final int size) { return size == small || size == large; }
    }

    /**
     * Sizes come from a trace; {@code min}/{@code max} are the bounds the trace is allowed to produce.
     *
     * @param observed what the trace gives its keys, once the trace has been read: a sorted sample (evenly spaced
     *                 quantiles) of the size each key holds, one size per key however often it is written; empty
     *                 for a card not yet checked against its trace. Planning takes the mean and the shape from it, so
     *                 a card's generous bounds do not stand for the data.
     */
    record FromTrace(int min, int max, List<Integer> observed) implements SizeDistribution {
        public FromTrace {
            requirePositive(min, "min");
            if (max < min) {
                throw new IllegalArgumentException("max " + max + " is below min " + min);
            }
            observed = List.copyOf(observed);
            for (int i = 0; i < observed.size(); i++) {
                final int size = observed.get(i);
                if (size < min || size > max || i > 0 && size < observed.get(i - 1)) {
                    throw new IllegalArgumentException("observed sizes must be sorted and within [" + min + ", "
                        + max + "], found " + size + " at " + i);
                }
            }
        }

        /** The card's bounds, before its trace is read. */
        public FromTrace(final int min, final int max) {
            this(min, max, List.of());
        }

        /** These bounds with what the trace was seen to hold. */
        public FromTrace withObserved(final List<Integer> sizes) {
            return new FromTrace(min, max, sizes);
        }

        /** The observed sample as a fresh array, for drawing from it on a hot path. */
        public int[] observedSizes() {
            return observed.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The observed mean when the trace has been read, else the midpoint of the bounds. */
        @Override public double mean() {
            if (observed.isEmpty()) {
                return (min + (double) max) / 2;
            }
            long sum = 0;
            for (final int size : observed) {
                sum += size;
            }
            return (double) sum / observed.size();
        }

        @Override public String toString() {
            return "FromTrace[min=" + min + ", max=" + max
                + (observed.isEmpty() ? "" : ", observed " + observed.size() + " sizes, mean " + Math.round(mean()))
                + "]";
        }
    }

    private static void requirePositive(final int v, final String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
