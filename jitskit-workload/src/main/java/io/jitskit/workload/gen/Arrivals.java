package io.jitskit.workload.gen;

import io.jitskit.spec.Operation;
import io.jitskit.spec.OperationMix;
import io.jitskit.spec.TemporalPattern;
import io.jitskit.workload.OpCode;

/**
 * The sequence of operation codes of one thread: independent draws from the mix ({@link TemporalPattern.Steady}),
 * or read bursts ({@link TemporalPattern.Bursts}): in every window of {@code everyOps} operations the first
 * {@code burstOps} are reads and the rest are drawn from the mix without reads. With bursts, the read share is
 * therefore {@code burstOps / everyOps} and the mix's own read proportion is ignored. Not thread-safe.
 */
public final class Arrivals {

    private final OpMix mix;
    private final int burstOps;
    private final int everyOps;
    private int position;

    public Arrivals(final OperationMix mix, final TemporalPattern temporal) {
        switch (temporal) {
            case TemporalPattern.Steady s -> {
                this.mix = new OpMix(mix);
                this.burstOps = 0;
                this.everyOps = 1;
            }
            case TemporalPattern.Bursts b -> {
                this.mix = onlyReads(mix) ? null : new OpMix(mix, Operation.READ);
                this.burstOps = b.burstOps();
                this.everyOps = b.everyOps();
            }
        }
    }

    private static boolean onlyReads(final OperationMix mix) {
        return mix.of(Operation.READ) >= 1.0;
    }

    /** The next operation code. */
    public byte next(final Rng rng) {
        if (burstOps == 0) {
            return mix.next(rng);
        }
        final int p = position;
        position = p + 1 == everyOps ? 0 : p + 1;
        return p < burstOps || mix == null ? OpCode.READ : mix.next(rng);
    }
}
