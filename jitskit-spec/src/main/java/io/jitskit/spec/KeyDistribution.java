package io.jitskit.spec;

/** Which keys the run phase touches, over the key ids {@code [0, keyCount)}. */
public sealed interface KeyDistribution {

    /** YCSB's default Zipfian constant. */
    double DEFAULT_THETA = 0.99;

    /** Every key equally likely. */
    record Uniform() implements KeyDistribution { }

    /** Zipfian over key ids; id 0 is hottest (the hidden permutation scatters hot ids over the key space). */
    record Zipfian(double theta) implements KeyDistribution {
        public Zipfian {
            checkTheta(theta);
        }
    }

    /** Zipfian whose ranks are hashed over the key space, as YCSB's ScrambledZipfianGenerator. */
    record ScrambledZipfian(double theta) implements KeyDistribution {
        public ScrambledZipfian {
            checkTheta(theta);
        }
    }

    /** Recently inserted keys are hottest (YCSB "latest"), Zipfian over recency. */
    record Latest(double theta) implements KeyDistribution {
        public Latest {
            checkTheta(theta);
        }
    }

    /** A fraction {@code hotSetFraction} of keys receives {@code hotOpFraction} of operations. */
    record Hotspot(double hotSetFraction, double hotOpFraction) implements KeyDistribution {
        public Hotspot {
            if (!(hotSetFraction > 0 && hotSetFraction < 1) || !(hotOpFraction >= 0 && hotOpFraction <= 1)) {
                throw new IllegalArgumentException("hotspot fractions must be in (0, 1) and [0, 1]");
            }
        }
    }

    /**
     * Time order: inserts append new ids at the head, deletes retire the oldest live ids, reads (if any) go to live
     * ids. The live window holds {@code keyCount} keys.
     */
    record TimeOrder() implements KeyDistribution { }

    private static void checkTheta(final double theta) {
        if (!(theta > 0 && theta < 10) || theta == 1.0) {
            throw new IllegalArgumentException("zipfian theta must be in (0, 10) and not 1, was " + theta);
        }
    }
}
