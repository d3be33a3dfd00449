package io.jitskit.gate.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jitskit.api.StoreProvider;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.Verdict;
import io.jitskit.gate.audit.StaticAuditCheck;
import io.jitskit.gate.check.DeleteCheck;
import io.jitskit.gate.check.LogWrapProbe;
import io.jitskit.gate.check.MemoryBudgetCheck;
import io.jitskit.gate.check.ReadAfterWriteCheck;
import io.jitskit.gate.check.RetentionCheck;
import io.jitskit.gate.check.TornReadCheck;
import io.jitskit.gate.check.ValueSizeProbe;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Environment;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import io.jitskit.testsupport.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gallery of CONTRACTS section 5: every deliberately broken store is rejected, and by the check that should catch
 * it (each entry names it); the one correct store of the gallery passes the crash test that rejects its two flawed
 * twins. A fresh seed per run, printed in every assertion message.
 */
class GalleryTest {

    private static final String CRASH_A = "crash-a-upsert-fuzzy-checkpoints";

    /** A broken store, the spec it is judged on, and the checks that must each fail it. */
    record Entry(Class<? extends StoreProvider> store, Spec spec, List<String> rejectedBy) {
        @Override
        public String toString() {
            return store.getEnclosingClass() == null ? store.getSimpleName()
                : store.getEnclosingClass().getSimpleName() + "." + store.getSimpleName();
        }
    }

    private static Spec inMemory() {
        return TestSpecs.small(Durability.none(), new SizeDistribution.Uniform(24, 200), null);
    }

    static Stream<Entry> gallery() {
        final Spec memory = inMemory();
        final Spec durable = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Uniform(24, 200), null);
        final Spec pinnedSize = TestSpecs.small(Durability.none(), new SizeDistribution.Fixed(100), null);
        final Spec smallBudget = memory.withEnvironment(new Environment(256L << 20, Environment.DEFAULT_HEADROOM, 2,
            null, Environment.Medium.SSD, List.of()));
        return Stream.of(
            new Entry(TruncatedHashStore.Provider.class, memory, List.of(RetentionCheck.NAME)),
            new Entry(CrossThreadRingStore.Provider.class, memory, List.of(TornReadCheck.NAME)),
            new Entry(SameSizeSeqlockStore.Provider.class, memory, List.of(TornReadCheck.NAME)),
            new Entry(IdentityArrayStore.Provider.class, memory,
                List.of(RetentionCheck.NAME, RetentionCheck.FRESH_PERMUTATION)),
            new Entry(BitmapImpostorStore.Provider.class, memory, List.of(RetentionCheck.NAME, StaticAuditCheck.NAME)),
            new Entry(PrefixRegenerationStore.Provider.class, memory,
                List.of(RetentionCheck.NAME, StaticAuditCheck.NAME)),
            new Entry(DeferredIndexStore.Provider.class, memory, List.of(ReadAfterWriteCheck.NAME)),
            new Entry(DroppingProbeStore.Provider.class, memory, List.of(RetentionCheck.NAME)),
            new Entry(AbortOnFullLogStore.Provider.class, memory, List.of(LogWrapProbe.NAME, StaticAuditCheck.NAME)),
            new Entry(OverwritingRingStore.Provider.class, memory, List.of(LogWrapProbe.NAME)),
            new Entry(PaddingStore.Provider.class, pinnedSize, List.of(ValueSizeProbe.NAME)),
            new Entry(SnapshotStore.NoFsync.class, durable, List.of(CRASH_A)),
            new Entry(SnapshotStore.UnpersistedPrefix.class, durable, List.of(CRASH_A)),
            new Entry(PageCacheHogStore.Provider.class, smallBudget, List.of(MemoryBudgetCheck.NAME)));
    }

    @TempDir
    Path runDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("gallery")
    void rejectedByTheRightCheck(final Entry entry) throws Exception {
        final long seed = new SecureRandom().nextLong();
        final GateReport report = GateRunner.run(entry.spec, entry.store.getName(), GateLevel.QUICK, runDir,
            GateOptions.defaults().inProcess().withSeed(seed).withOnly(entry.rejectedBy.toArray(String[]::new)));
        System.out.print(entry + ": " + report.toText());
        for (final String check : entry.rejectedBy) {
            final CheckResult result = report.check(check).orElseThrow(() -> new AssertionError(check + " did not run"
                + " for " + entry + ", seed " + seed + "\n" + report.toText()));
            assertEquals(Verdict.FAIL, result.verdict(), entry + " must be rejected by " + check + ", seed " + seed
                + "\n" + report.toText());
            assertNotNull(result.reproducer(), "a failure names its reproducer, seed " + seed);
            assertEquals(true, Files.exists(Path.of(result.reproducer())), result.reproducer() + " was saved");
        }
    }

    @Test
    void correctSnapshotStorePassesTheCrashTestItsTwinsFail() throws Exception {
        final long seed = new SecureRandom().nextLong();
        final Spec durable = TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Uniform(24, 200), null);
        final GateReport report = GateRunner.run(durable, SnapshotStore.Correct.class.getName(), GateLevel.QUICK,
            runDir, GateOptions.defaults().inProcess().withSeed(seed).withOnly(CRASH_A, DeleteCheck.NAME));
        assertEquals(true, report.passed(), "seed " + seed + "\n" + report.toText());
    }

    @Test
    void aStoreThatExitsFailsTheCheckItWasInWhenIsolated() throws Exception {
        final long seed = new SecureRandom().nextLong();
        final GateReport report = GateRunner.run(inMemory(), AbortOnFullLogStore.Provider.class.getName(),
            GateLevel.QUICK, runDir, GateOptions.defaults().withSeed(seed).withOnly(ReadAfterWriteCheck.NAME,
                RetentionCheck.NAME));
        assertEquals(Verdict.PASS, report.check(RetentionCheck.NAME).orElseThrow().verdict(), "seed " + seed + "\n"
            + report.toText());
        final CheckResult raw = report.check(ReadAfterWriteCheck.NAME).orElseThrow();
        assertEquals(Verdict.FAIL, raw.verdict(), "seed " + seed + "\n" + report.toText());
        assertEquals(134, ((Number) raw.figures().get("exit_status")).intValue(), report.toText());
    }
}
