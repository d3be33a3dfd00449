package io.jitskit.observe.budget;

import io.jitskit.observe.os.Linux;
import io.jitskit.observe.testing.MemoryHog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Child JVMs that overgrow a budget through each kind of memory, watched from this JVM. A bare hog JVM is charged
 * 20 to 30 MiB (its own anonymous memory); the budget leaves room for that and the overgrowth clearly does not.
 */
@Timeout(120)
class BudgetWatcherTest {

    private static final long MIB = 1 << 20;
    private static final long BUDGET = 128 * MIB;
    private static final int OVERGROWTH_MIB = 192;
    private static final Duration PERIOD = Duration.ofMillis(50);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Linux.isLinux(), "watches a child through /proc");
    }

    @ParameterizedTest
    @EnumSource(value = MemoryHog.Kind.class, names = {"HEAP", "DIRECT", "NATIVE", "PAGECACHE"})
    void eachKindOfOvergrowthCrossesTheBudget(final MemoryHog.Kind kind, @TempDir final Path storeDirectory)
        throws Exception {
        final AtomicReference<Verdict> reported = new AtomicReference<>();
        try (HogProcess hog = HogProcess.start(kind, OVERGROWTH_MIB, storeDirectory);
             BudgetWatcher watcher = BudgetWatcher.start(hog.pid(), storeDirectory, BUDGET, PERIOD, reported::set)) {
            hog.awaitReady(READY_TIMEOUT);
            assertTrue(watcher.awaitExcess(Duration.ofSeconds(30)), kind + ": " + watcher.verdict().describe());
            // The excess may come while the hog still grows: let the peak see it fully grown.
            awaitMoreSamples(watcher, 2);
            final Verdict verdict = watcher.stop();
            final BudgetSample excess = verdict.firstExcess();
            assertTrue(verdict.exceeded() && !verdict.withinBudget(), verdict.describe());
            assertTrue(excess.chargedBytes() > BUDGET, verdict.describe());
            assertTrue(verdict.peakChargedBytes() >= excess.chargedBytes(), verdict.describe());
            assertSame(excess, reported.get().firstExcess(), "the listener got the first excess");
            // The growth is charged through the term its kind belongs to.
            final long grown = (long) (0.9 * OVERGROWTH_MIB * MIB);
            if (kind == MemoryHog.Kind.PAGECACHE) {
                assertTrue(verdict.peak().storePageCacheBytes() >= grown, verdict.describe());
                assertTrue(verdict.peak().rssAnonBytes() < BUDGET, verdict.describe());
            } else {
                assertTrue(verdict.peak().rssAnonBytes() >= grown, verdict.describe());
            }
        }
    }

    @Test
    void aSmallProcessStaysWithinBudgetAndItsSeriesExportsAsCsv(@TempDir final Path storeDirectory)
        throws Exception {
        try (HogProcess hog = HogProcess.start(MemoryHog.Kind.HEAP, 16, storeDirectory);
             BudgetWatcher watcher = BudgetWatcher.start(hog.pid(), storeDirectory, BUDGET, PERIOD, verdict -> { })) {
            hog.awaitReady(READY_TIMEOUT);
            awaitMoreSamples(watcher, 5);
            final Verdict verdict = watcher.stop();
            assertTrue(verdict.withinBudget(), verdict.describe());
            assertTrue(verdict.peakChargedBytes() > 16 * MIB, verdict.describe());
            final List<BudgetSample> samples = watcher.samples();
            assertEquals(verdict.samples(), samples.size());
            assertTrue(isOrderedInTime(samples), "samples out of order");
            final StringBuilder csv = new StringBuilder();
            watcher.writeCsv(csv);
            final String[] lines = csv.toString().split("\n");
            assertEquals(samples.size() + 1, lines.length);
            assertEquals(BudgetSample.CSV_HEADER, lines[0]);
            assertEquals(verdict, watcher.stop(), "stop is idempotent");
        }
    }

    @Test
    void mappedStoreFilesAreChargedOnceThroughResidency(@TempDir final Path storeDirectory) throws Exception {
        final BudgetSample sample = sampleMappedHog(storeDirectory, 96);
        final long grown = 86 * MIB;
        assertTrue(sample.rssFileBytes() >= grown, "the mapping is in RssFile: " + sample.describe());
        assertTrue(sample.storePageCacheBytes() >= grown, "and in residency: " + sample.describe());
        assertTrue(sample.chargedBytes() < sample.rssAnonBytes() + 110 * MIB, "charged twice: " + sample.describe());
    }

    @Test
    void mappedStoreFilesOnTmpfsAreChargedOnce() throws Exception {
        final Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type()), "no tmpfs at /dev/shm");
        final Path storeDirectory = Files.createTempDirectory(shm, "jitskit-budget-");
        try {
            final BudgetSample sample = sampleMappedHog(storeDirectory, 96);
            final long grown = 86 * MIB;
            assertTrue(sample.rssShmemBytes() >= grown, "the mapping is in RssShmem: " + sample.describe());
            assertTrue(sample.storePageCacheBytes() >= grown, "and in residency: " + sample.describe());
            assertTrue(sample.shmemStoreMappedBytes() >= grown, "so it is subtracted: " + sample.describe());
            assertTrue(sample.chargedBytes() < sample.rssAnonBytes() + 110 * MIB, "charged twice: "
                + sample.describe());
        } finally {
            deleteRecursively(storeDirectory);
        }
    }

    @Test
    void samplingEndsWhenTheProcessExits(@TempDir final Path storeDirectory) throws Exception {
        final BudgetWatcher watcher;
        try (HogProcess hog = HogProcess.start(MemoryHog.Kind.HEAP, 0, storeDirectory)) {
            watcher = BudgetWatcher.start(hog.pid(), storeDirectory, BUDGET, PERIOD, verdict -> { });
            hog.awaitReady(READY_TIMEOUT);
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (watcher.isSampling() && System.nanoTime() < deadline) {
            Thread.sleep(PERIOD.toMillis());
        }
        final Verdict verdict = watcher.stop();
        assertTrue(verdict.processEnded(), verdict.describe());
        assertFalse(verdict.exceeded(), verdict.describe());
    }

    private static BudgetSample sampleMappedHog(final Path storeDirectory, final int mebibytes) throws Exception {
        try (HogProcess hog = HogProcess.start(MemoryHog.Kind.MAPPED, mebibytes, storeDirectory)) {
            hog.awaitReady(READY_TIMEOUT);
            final MemoryBudget budget = new MemoryBudget(BUDGET, hog.pid(), storeDirectory);
            return budget.sample(0);
        }
    }

    private static void awaitMoreSamples(final BudgetWatcher watcher, final int more) throws InterruptedException {
        final int target = watcher.sampleCount() + more;
        while (watcher.sampleCount() < target && watcher.isSampling()) {
            Thread.sleep(PERIOD.toMillis());
        }
    }

    private static boolean isOrderedInTime(final List<BudgetSample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).elapsedNanos() <= samples.get(i - 1).elapsedNanos()) {
                return false;
            }
        }
        return true;
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
