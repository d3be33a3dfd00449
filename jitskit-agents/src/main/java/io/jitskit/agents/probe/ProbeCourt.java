package io.jitskit.agents.probe;

import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreProvider;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Verdict;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Decides whether a probe may join a run's gate: the reference store (the project's trivially correct oracle) must
 * pass it under a fresh seed. A probe the reference fails, or that does not apply to the card, is refused with the
 * reason, which goes back to the auditor.
 */
public final class ProbeCourt {

    private static final SecureRandom SEEDS = new SecureRandom();

    private ProbeCourt() {
    }

    /** The reason to refuse {@code probe}, or null to admit it. */
    public static String refusal(final Probe probe, final Spec spec, final Path dir) throws Exception {
        final StoreProvider reference = StoreFactory.find("reference");
        final String unsupported = reference.unsupportedReason(new StoreContext(spec, dir));
        if (unsupported != null) {
            return "the reference store cannot serve this card (" + unsupported + "), so no probe can be vetted";
        }
        final CheckResult r = run(probe, reference, "reference", spec, dir);
        if (r.verdict() == Verdict.PASS) {
            return null;
        }
        return r.applicable() ? "the reference store fails it (" + r.summary() + "): a probe must hold for a correct "
            + "store" : "it does not apply to this card: " + r.summary();
    }

    /** Runs {@code probe} against {@code provider} with a fresh hidden seed. */
    public static CheckResult run(final Probe probe, final StoreProvider provider, final String ref, final Spec spec,
                                  final Path dir) throws Exception {
        final StoreUnderTest sut = new StoreUnderTest(ref, provider, spec, GateLevel.QUICK, dir, SEEDS.nextLong());
        return probe.run(sut);
    }
}
