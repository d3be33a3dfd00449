package io.jitskit.gate.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.Verdict;
import io.jitskit.gate.check.ReclamationSoak;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reclamation soak on a tiny card at a quarter of its 256 MiB budget (64 MiB of values over 5 000 keys, about
 * 130 overwrites of each): the reference store, which compacts its log at checkpoints, keeps its directory within the
 * bound and reads every key back; a store that appends to a fixed 16 MiB log and aborts when it fills is rejected.
 * The full soak (ten budgets at the card's key count) is {@code jitskit soak --reclaim}, not a test.
 */
class ReclamationSoakTest {

    @TempDir
    Path runDir;

    private static Spec card(final String durability) throws Exception {
        return SpecParser.parse("""
            name: soak-tiny
            environment: {memory-budget: 256MiB, threads: 2, storage: {dir: /tmp/jitskit/soak-tiny}}
            workload: {keys: {count: 5K}, values: {fixed: 100}, mix: {read: 50, upsert: 40, delete: 10},
                       distribution: uniform}
            requirements: {operations: [read, upsert, delete], durability: %s}
            """.formatted(durability), Path.of("soak-tiny.yaml"));
    }

    private CheckResult soak(final Spec card, final String store, final long seed) throws Exception {
        final GateReport report = GateRunner.run(card, store, GateLevel.QUICK, runDir, GateOptions.defaults()
            .withSeed(seed).withOnly(ReclamationSoak.NAME)
            .withProbes(List.of(new ReclamationSoak(0.25, Duration.ofMinutes(2)))));
        return report.check(ReclamationSoak.NAME).orElseThrow();
    }

    @Test
    void aStoreThatCompactsItsLogKeepsDiskAndMemoryBoundedAndEveryKey() throws Exception {
        final long seed = new SecureRandom().nextLong();
        final CheckResult r = soak(card("checkpoint"), "reference", seed);
        assertEquals(Verdict.PASS, r.verdict(), "seed " + seed + ": " + r.line() + " " + r.figures());
        assertTrue(((Number) r.figures().get("deletes")).longValue() > 0, "deletes were mixed in: " + r.figures());
        assertTrue(((Number) r.figures().get("bytes_written")).longValue() >= 64L << 20, r.figures().toString());
        assertTrue(((Number) r.figures().get("peak_disk_bytes")).longValue() > 0, "the disk was measured: "
            + r.figures());
    }

    @Test
    void aStoreThatAbortsWhenItsLogFillsIsRejected() throws Exception {
        final long seed = new SecureRandom().nextLong();
        final CheckResult r = soak(card("none"), AbortOnFullLogStore.Provider.class.getName(), seed);
        assertEquals(Verdict.FAIL, r.verdict(), "seed " + seed + ": " + r.line() + " " + r.figures());
        assertTrue(r.summary().contains("during the soak"), r.summary());
    }
}
