package io.jitskit.workload.gen;

import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.workload.OpCode;

/**
 * Draws {@link OpCode}s in the proportions of an {@link OperationMix}.
 *
 * <p>Proportions become cumulative thresholds in units of 2^-53, compared against the top 53 bits of one random
 * long: no floating point and no allocation per draw.
 */
public final class OpMix {

    private static final long ONE = 1L << 53;

    private final long[] cumulative = new long[OpCode.COUNT];
    private final byte last;

    /**
     * @param mix     the proportions
     * @param exclude an operation to leave out, renormalizing the rest (bursty workloads draw reads from the burst
     *                schedule, not the mix), or {@code null}
     */
    public OpMix(final OperationMix mix, final Operation exclude) {
        double total = 0;
        for (final Operation op : Operation.values()) {
            if (op != exclude) {
                total += mix.of(op);
            }
        }
        if (total <= 0) {
            throw new IllegalArgumentException("the operation mix has nothing but " + exclude.cardName());
        }
        double running = 0;
        byte lastPositive = 0;
        for (final Operation op : Operation.values()) {
            final double p = op == exclude ? 0 : mix.of(op) / total;
            running += p;
            cumulative[op.ordinal()] = threshold(Math.min(1.0, running));
            if (p > 0) {
                lastPositive = OpCode.of(op);
            }
        }
        last = lastPositive;
    }

    public OpMix(final OperationMix mix) {
        this(mix, null);
    }

    /** A probability as a threshold on 53 random bits. */
    public static long threshold(final double probability) {
        return (long) (probability * ONE);
    }

    /** The next operation. */
    public byte next(final Rng rng) {
        final long u = rng.nextLong() >>> 11;
        for (int op = 0; op < OpCode.COUNT; op++) {
            if (u < cumulative[op]) {
                return (byte) op;
            }
        }
        return last; // only reachable through rounding of the final cumulative threshold below 2^53
    }
}
