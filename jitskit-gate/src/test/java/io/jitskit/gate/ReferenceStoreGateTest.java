package io.jitskit.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle must pass the gate: at quick on every run, at full in the slow suite. */
class ReferenceStoreGateTest {

    @TempDir
    Path runDir;

    @Test
    void referenceStorePassesQuick() throws Exception {
        final Spec spec = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Uniform(24, 200), null);
        final long start = System.nanoTime();
        final GateReport report = GateRunner.run(spec, "reference", GateLevel.QUICK, runDir);
        final long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.print(report.toText());
        assertTrue(report.passed(), "seed " + report.seed() + ":\n" + report.toText());
        assertTrue(seconds <= 120, "quick took " + seconds + " s, more than the two minutes it promises");
        assertEquals(Verdict.PASS, report.check("crash-a-upsert-fuzzy-checkpoints").orElseThrow().verdict());
    }

    /** A spec of inserts and deletes only (the time-series cards): rewrites become delete-then-insert. */
    @Test
    void referenceStorePassesOnASpecWithoutUpsert() throws Exception {
        final Spec spec = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Fixed(100), null,
            EnumSet.of(Operation.READ, Operation.INSERT, Operation.DELETE));
        final GateReport report = GateRunner.run(spec, "reference", GateLevel.QUICK.withTornReads(
            Duration.ofSeconds(2)), runDir, GateOptions.defaults().inProcess().withOnly("retention",
            "read-after-write", "torn-reads", "delete", "probe-value-sizes", "crash-a-upsert-fuzzy-checkpoints"));
        System.out.print(report.toText());
        assertTrue(report.passed(), "seed " + report.seed() + ":\n" + report.toText());
        assertEquals(6, report.checks().size(), report.toText());
    }

    @Test
    @Tag("slow")
    void referenceStorePassesFull() throws Exception {
        final Spec spec = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Uniform(24, 200), null);
        final GateReport report = GateRunner.run(spec, "reference", GateLevel.FULL, runDir);
        System.out.print(report.toText());
        assertTrue(report.passed(), "seed " + report.seed() + ":\n" + report.toText());
    }
}
