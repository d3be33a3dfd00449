package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.report.Fixtures;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real comparison: the reference store, the chm baseline and noop, each run in its own child JVM through the
 * harness, two rounds. noop forgets every key, so the harness's read verification fails it after the load: the
 * comparison must show it failed, never with a number.
 */
class ComparisonEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void storesRunInterleavedInChildJvmsAndAFailingStoreIsShownFailed() throws Exception {
        final Path specFile = Fixtures.tinySpec(dir, "tiny");
        final Path out = dir.resolve("compare");
        final List<String> started = new ArrayList<>();
        final CompareListener listener = new CompareListener() {
            @Override
            public ProgressListener starting(final StoreVariant variant, final int round, final int rounds,
                                             final int index, final int total) {
                started.add(round + ":" + variant.label());
                return ProgressListener.NONE;
            }

            @Override
            public void finished(final RunRecord run) {
            }
        };
        final CompareResult r = Comparison.run(new CompareRequest(specFile,
            StoreVariant.parseList("reference,chm,noop"), 2, 2, Duration.ofSeconds(1), false, out, List.of(), null),
            SpecParser.parse(specFile), listener);

        // A run disturbed by another process on a busy machine is started again; the schedule is what was kept.
        final List<String> kept = List.of("1:reference", "1:chm", "1:noop", "2:noop", "2:chm", "2:reference");
        assertEquals(kept, r.order());
        assertEquals(kept, started.stream().distinct().toList());
        final StoreAggregate reference = find(r, "reference");
        final StoreAggregate chm = find(r, "chm");
        final StoreAggregate noop = find(r, "noop");
        assertEquals(StoreAggregate.OK, reference.status(), reference.reason());
        assertEquals(StoreAggregate.OK, chm.status(), chm.reason());
        assertEquals(StoreAggregate.FAILED, noop.status());
        assertNotNull(noop.reason());
        assertNull(noop.medianMops());
        assertEquals("none", chm.durability());
        assertTrue(reference.medianMops() > 0 && reference.minMops() <= reference.maxMops());
        assertTrue(reference.peakChargedBytes() > 0 && reference.peakChargedBytes() <= Fixtures.BUDGET,
            "peak " + reference.peakChargedBytes());
        assertEquals(1.0, reference.ratioToBestPeer() * chm.ratioToBestPeer(), 1e-9,
            "with two stores with numbers, each one's ratio is the other's inverse");
        assertEquals(r.runsPerStore(), reference.runs().size());
        // Both stores of a round saw the same seed.
        assertEquals(reference.runs().get(1).seed(), chm.runs().get(1).seed());
        for (final String f : List.of(CompareIo.JSON_FILE, CompareIo.TEXT_FILE, CompareIo.SVG_FILE,
            CompareIo.PNG_FILE, reference.runs().getFirst().resultFile())) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve(CompareIo.TEXT_FILE)).contains("failed (2 of 2 runs failed)"));
    }

    @Test
    void aPeerThatCannotGiveTheCardsDurabilityIsSkippedButRunsAsNameAtNoneOnADerivedCard() throws Exception {
        final Path specFile = Fixtures.tinySpec(dir, "tiny");
        final Path checkpointCard = dir.resolve("tiny-checkpoint.yaml");
        Files.writeString(checkpointCard, Files.readString(specFile).replace("durability: none",
            "durability: checkpoint").replace("memory-budget: 256MiB", "memory-budget: 256MiB\n  storage: {dir: "
            + dir.resolve("data") + "}"));
        final Path out = dir.resolve("compare-at");
        final CompareResult r = Comparison.run(new CompareRequest(checkpointCard, StoreVariant.parseList("chm,chm@none"),
            1, 2, Duration.ofSeconds(1), false, out, List.of(), null), SpecParser.parse(checkpointCard),
            CompareListener.NONE);
        final StoreAggregate asked = find(r, "chm");
        final StoreAggregate relaxed = find(r, "chm@none");
        assertEquals(StoreAggregate.SKIPPED, asked.status(), "the card asks checkpoint: " + asked.reason());
        assertEquals(StoreAggregate.OK, relaxed.status(), relaxed.reason());
        assertEquals("none", relaxed.durability(), "the row says what the store really gave");
        final Path derived = out.resolve(ForkedRunExecutor.CARDS_DIR).resolve("tiny@none.yaml");
        assertTrue(Files.readString(derived).contains("durability: none"), Files.readString(derived));
    }

    private static StoreAggregate find(final CompareResult r, final String label) {
        return r.stores().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }
}
