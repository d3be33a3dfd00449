package io.jitskit.spec;

/** How operations arrive over time within the mix. */
public sealed interface TemporalPattern {

    /** Operations drawn independently from the mix. */
    record Steady() implements TemporalPattern { }

    /**
     * Reads arrive in bursts: every {@code everyOps} operations, {@code burstOps} consecutive reads; the rest of the
     * time, the mix without reads.
     */
    record Bursts(int burstOps, int everyOps) implements TemporalPattern {
        public Bursts {
            if (burstOps <= 0 || everyOps <= burstOps) {
                throw new IllegalArgumentException("bursts need 0 < burst < every, was " + burstOps + "/" + everyOps);
            }
        }
    }
}
