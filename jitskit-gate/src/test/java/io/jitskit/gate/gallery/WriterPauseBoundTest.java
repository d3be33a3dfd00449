package io.jitskit.gate.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.MetricNames;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.Verdict;
import io.jitskit.gate.check.CheckpointPauseProbe;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card's {@code max-writer-pause} enforced on two real stores that differ in one thing: what their checkpoint does
 * while it holds the writers out. The snapshot store copies its map under the lock and writes the file after; its
 * stop-the-world twin writes and fsyncs 40 MB with the writers held, about a hundred milliseconds or more. The
 * bounds are far apart because both stores allocate a value per write: on a loaded 2-core machine their collector
 * pauses reach a few hundred milliseconds during a checkpoint's write, and the probe charges a pause during a
 * checkpoint to the checkpoint (a 20 ms bound rejects the twin; 500 ms, which the copy stays far under, admits the
 * other).
 */
class WriterPauseBoundTest {

    @TempDir
    Path runDir;

    private static Spec card(final String bound) throws Exception {
        return SpecParser.parse("""
            name: pause-bound
            environment: {memory-budget: 1GiB, threads: 2, storage: {dir: /tmp/jitskit/pause-bound}}
            workload: {keys: {count: 20K}, values: {fixed: 2KiB}, mix: {read: 50, upsert: 50}, distribution: uniform}
            requirements:
              operations: [read, upsert]
              durability: {checkpoint: {every: 1s, max-writer-pause: %s}}
            """.formatted(bound), Path.of("pause-bound.yaml"));
    }

    private CheckResult probe(final Class<?> store, final String bound, final long seed) throws Exception {
        final GateReport report = GateRunner.run(card(bound), store.getName(), GateLevel.QUICK, runDir,
            GateOptions.defaults().inProcess().withSeed(seed).withOnly(CheckpointPauseProbe.NAME));
        return report.check(CheckpointPauseProbe.NAME).orElseThrow();
    }

    @Test
    void aCheckpointThatHoldsWritersForItsWriteIsRejectedWithMeasuredVersusBound() throws Exception {
        final long seed = new SecureRandom().nextLong();
        final CheckResult r = probe(SnapshotStore.QuiescedWrite.class, "20ms", seed);
        assertEquals(Verdict.FAIL, r.verdict(), "seed " + seed + ": " + r.line() + " " + r.figures());
        assertTrue(r.summary().contains("over " + CheckpointPauseProbe.FIELD + " 20.0 ms"), r.summary());
        assertEquals(3, ((Number) r.figures().get("rounds")).intValue(), "measured again before it is rejected: "
            + r.figures());
        assertTrue(((Number) r.figures().get(MetricNames.CHECKPOINT_WRITER_PAUSE_MAX_MS)).doubleValue() > 20,
            r.figures().toString());
    }

    @Test
    void aCheckpointThatHoldsWritersOnlyForTheCopyPassesItsBound() throws Exception {
        final long seed = new SecureRandom().nextLong();
        final CheckResult r = probe(SnapshotStore.Correct.class, "500ms", seed);
        assertEquals(Verdict.PASS, r.verdict(), "seed " + seed + ": " + r.line() + " " + r.figures());
        assertTrue(((Number) r.figures().get(MetricNames.CHECKPOINT_WRITER_PAUSE_MAX_MS)).doubleValue() <= 500,
            r.figures().toString());
    }
}
