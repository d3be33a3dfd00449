package io.jitskit.gate.check;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import java.util.ArrayList;
import java.util.List;

/** The gate's checks that drive a store through sessions in one process, in the order the gate runs them. */
public final class BuiltInChecks {

    private static final List<Probe> IN_PROCESS = List.of(
        RetentionCheck.retention(),
        new ReadAfterWriteCheck(),
        new TornReadCheck(),
        new DeleteCheck(),
        RetentionCheck.freshPermutation(),
        new OutsideRangeProbe(),
        new ValueSizeProbe(),
        new CheckpointPauseProbe());

    private BuiltInChecks() {
    }

    /** Names of the in-process checks, in order. */
    public static List<String> inProcessNames() {
        final List<String> names = new ArrayList<>();
        IN_PROCESS.forEach(p -> names.add(p.name()));
        return names;
    }

    /** The in-process check named {@code name}. */
    public static Probe inProcess(final String name) {
        for (final Probe p : IN_PROCESS) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown check '" + name + "'; known: " + inProcessNames());
    }

    /**
     * Runs a check; an exception that escapes it counts against the store (the store could not be opened or driven
     * as the check asked), with the stack trace as the reproducer.
     */
    public static CheckResult runGuarded(final Probe check, final StoreUnderTest sut) {
        try {
            return check.run(sut);
        } catch (final Exception e) {
            try {
                return new Trial(check.name(), sut).storeThrew("the check", e);
            } catch (final java.io.IOException unsaved) {
                e.addSuppressed(unsaved);
                return CheckResult.fail(check.name(), "the check ended with " + e, null, null, 0);
            }
        }
    }
}
