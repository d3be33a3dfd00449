package io.jitskit.gate.audit;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreLocator;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.spec.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The static audit as a gate check: {@link StaticAudit} over the store's own classes (every class of a store jar;
 * for a store on the class path, the classes its provider reaches in its code source). Baselines (the project's
 * adapters of RocksDB, LMDB and the others, in {@code io.jitskit.baselines}) are the peers synthesized stores are
 * measured against, not stores under synthesis: the key-value-library rule does not apply to them.
 */
public final class StaticAuditCheck implements Probe {

    public static final String NAME = "static-audit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final Set<Requirements.Forbidden> forbidden = sut.spec().requirements().forbidden();
        final boolean baseline = sut.provider().getClass().getName().startsWith("io.jitskit.baselines.");
        final StaticAudit.Rules rules = new StaticAudit.Rules(
            forbidden.contains(Requirements.Forbidden.EXTERNAL_KV_LIBRARY) && !baseline,
            forbidden.contains(Requirements.Forbidden.HARNESS_INTERNALS));
        final ClassSet classes = StoreLocator.isJar(sut.ref()) ? ClassSet.ofJar(Path.of(sut.ref()))
            : ClassSet.reachableFrom(sut.provider().getClass());
        final List<Finding> findings = StaticAudit.audit(classes, rules);
        trial.figure("classes", classes.classes().size()).figure("findings", findings.size())
            .figure("baseline_exempt_from_kv_rule", baseline);
        if (!findings.isEmpty()) {
            final StringBuilder all = new StringBuilder("classes audited: " + classes.classes().keySet() + "\n");
            findings.forEach(f -> all.append(f.describe()).append('\n'));
            return trial.fail(findings.size() + " finding(s); first: " + findings.get(0).describe(), all.toString());
        }
        return trial.pass(classes.classes().size() + " classes audited, no finding");
    }
}
