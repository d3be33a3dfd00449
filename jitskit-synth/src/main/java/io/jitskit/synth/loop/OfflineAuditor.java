package io.jitskit.synth.loop;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.check.BuiltInChecks;
import io.jitskit.gate.check.DeleteCheck;
import io.jitskit.gate.check.OutsideRangeProbe;
import io.jitskit.gate.check.ReadAfterWriteCheck;
import io.jitskit.gate.check.RetentionCheck;
import io.jitskit.gate.check.TornReadCheck;
import io.jitskit.gate.check.ValueSizeProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in auditor. The paper's auditor reads candidates for what the gate missed; without a model, this one
 * attacks them harder than the per-iteration gate does: each candidate that became best-so-far since the last pass
 * is re-run through the in-process checks at an intensified level (ten times the keys, four times the torn-read
 * run, a fresh seed and key permutation). A check that fails there exposed a flaw the quick gate could not see: the
 * candidate is rejected, and that check, at the intensified level, joins every later gate run of this loop, so the
 * same gap cannot be exploited twice.
 */
public final class OfflineAuditor implements Auditor {

    /** Between quick and full: long enough to see rarer races, short enough to run every few iterations. */
    static final GateLevel AUDIT = new GateLevel("audit", 200_000, Duration.ofSeconds(6), Duration.ofSeconds(30),
        8, 0, 1_000, 700, 200_000, Duration.ofSeconds(6), 64L << 20, 0, Duration.ofSeconds(4));

    /** The checks the auditor intensifies. */
    static final List<String> CHECKS = List.of(RetentionCheck.NAME, ReadAfterWriteCheck.NAME, TornReadCheck.NAME,
        RetentionCheck.FRESH_PERMUTATION, OutsideRangeProbe.NAME, ValueSizeProbe.NAME, DeleteCheck.NAME);

    private final HarnessEvaluator evaluator;

    public OfflineAuditor(final HarnessEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public AuditReport audit(final List<Candidate> candidates, final LoopState state) throws Exception {
        final List<String> findings = new ArrayList<>();
        final List<String> flawed = new ArrayList<>();
        final List<String> added = new ArrayList<>();
        final String[] only = CHECKS.toArray(String[]::new);
        for (final Candidate c : candidates) {
            if (state.best() == null || !c.plan().blueprint().key().equals(state.best().key())) {
                continue;
            }
            final Path dir = c.dir().resolve("audit");
            final GateReport report = GateRunner.run(state.spec(), c.storeArgument(), AUDIT, dir,
                GateOptions.defaults().withOnly(only));
            for (final CheckResult r : report.checks()) {
                if (!r.blocks()) {
                    continue;
                }
                findings.add(String.format(Locale.ROOT, "iteration %d failed %s at the audit level: %s",
                    c.iteration(), r.check(), r.summary()));
                flawed.add(c.plan().blueprint().key());
                if (!evaluator.addedProbeNames().contains("audit-" + r.check())) {
                    evaluator.addProbe(new IntensifiedProbe(r.check()));
                    added.add("audit-" + r.check());
                }
            }
            if (report.passed()) {
                findings.add(String.format(Locale.ROOT, "iteration %d holds at the audit level (%d checks, %d s)",
                    c.iteration(), report.checks().size(), report.elapsedMillis() / 1000));
            }
        }
        return new AuditReport(findings, flawed, added);
    }

    /** A built-in check re-run at the audit level inside every later quick gate. */
    record IntensifiedProbe(String check) implements Probe {

        @Override
        public String name() {
            return "audit-" + check;
        }

        @Override
        public CheckResult run(final StoreUnderTest sut) {
            final StoreUnderTest harder = new StoreUnderTest(sut.ref(), sut.provider(), sut.spec(), AUDIT,
                sut.runDir(), new java.security.SecureRandom().nextLong());
            final CheckResult r = BuiltInChecks.runGuarded(BuiltInChecks.inProcess(check), harder);
            return new CheckResult(name(), r.verdict(), r.applicable(), r.summary(), r.figures(), r.reproducer(),
                r.elapsedMillis());
        }
    }
}
