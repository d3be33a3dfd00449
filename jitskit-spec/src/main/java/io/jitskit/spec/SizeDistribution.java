package io.jitskit.spec;

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

    /** Sizes come from a trace; {@code min}/{@code max} are the bounds the trace is allowed to produce. */
    record FromTrace(int min, int max) implements SizeDistribution {
        public FromTrace {
            requirePositive(min, "min");
            if (max < min) {
                throw new IllegalArgumentException("max " + max + " is below min " + min);
            }
        }

        @Override public double mean() { return (min + (double) max) / 2; }
    }

    private static void requirePositive(final int v, final String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
