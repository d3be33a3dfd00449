package io.jitskit.gate;

import java.util.List;
import java.util.Set;

/**
 * How a gate run is made, beyond spec, store and level.
 *
 * @param extraProbes probes added at run time (by the auditor), run after the built-in checks, in this JVM
 * @param only        names of the checks to run; empty for all
 * @param isolated    whether the in-process checks run in a child JVM (the default: a store that exits or crashes
 *                    the JVM then fails one check instead of ending the caller); false runs them in this JVM
 * @param failFast    stop at the first failing check (what a synthesis iteration wants)
 * @param keepData    keep the stores' data directories under the run directory
 * @param seed        the hidden seed, or null for a fresh one from a {@link java.security.SecureRandom}
 */
public record GateOptions(List<Probe> extraProbes, Set<String> only, boolean isolated, boolean failFast,
                          boolean keepData, Long seed) {

    public GateOptions {
        extraProbes = List.copyOf(extraProbes);
        only = Set.copyOf(only);
    }

    /** All checks, isolated, not fail-fast, a fresh seed. */
    public static GateOptions defaults() {
        return new GateOptions(List.of(), Set.of(), true, false, false, null);
    }

    public GateOptions withOnly(final String... checks) {
        return new GateOptions(extraProbes, Set.of(checks), isolated, failFast, keepData, seed);
    }

    public GateOptions withProbes(final List<Probe> probes) {
        return new GateOptions(probes, only, isolated, failFast, keepData, seed);
    }

    public GateOptions inProcess() {
        return new GateOptions(extraProbes, only, false, failFast, keepData, seed);
    }

    public GateOptions failingFast() {
        return new GateOptions(extraProbes, only, isolated, true, keepData, seed);
    }

    public GateOptions keepingData() {
        return new GateOptions(extraProbes, only, isolated, failFast, true, seed);
    }

    public GateOptions withSeed(final long s) {
        return new GateOptions(extraProbes, only, isolated, failFast, keepData, s);
    }

    /** Whether the check named {@code name} is to run. */
    boolean selects(final String name) {
        return only.isEmpty() || only.contains(name);
    }
}
