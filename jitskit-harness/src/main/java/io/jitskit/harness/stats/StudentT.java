package io.jitskit.harness.stats;

/** Two-sided 95% quantiles of Student's t distribution, the small-sample factor of every interval here. */
final class StudentT {

    /** {@code t(0.975, df)} for df = 1..30. */
    private static final double[] Q975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private StudentT() {
    }

    /** {@code t(0.975, df)}; the normal quantile 1.96 stands in past 30 degrees of freedom (within 2%). */
    static double q975(final int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be positive, was " + df);
        }
        return df <= Q975.length ? Q975[df - 1] : 1.96;
    }
}
