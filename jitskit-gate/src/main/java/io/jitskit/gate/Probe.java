package io.jitskit.gate;

/**
 * A check added to the gate at run time, typically by the auditor when it finds a gap a store exploited (paper
 * section 4.5). The gate runs every registered probe after its built-in checks, in this JVM, against the same
 * {@link StoreUnderTest} they use.
 *
 * <p>A probe opens the store itself ({@link StoreUnderTest#open}), drives it through sessions, and judges what it
 * reads with {@link StoreUnderTest#workbench}'s codec (whose seed the store never sees). On failure it saves a
 * reproducer with {@link StoreUnderTest#saveReproducer} and names that file in its result. A probe that throws is
 * reported as failing when the store threw, and as undecided otherwise.
 */
public interface Probe {

    /** A short, stable name, e.g. {@code probe-tombstone-resurrection}; it names the check in reports. */
    String name();

    /** Runs the probe. */
    CheckResult run(StoreUnderTest store) throws Exception;
}
