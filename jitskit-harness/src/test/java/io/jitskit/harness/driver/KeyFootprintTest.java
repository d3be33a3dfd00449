package io.jitskit.harness.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.StoreFactory;
import io.jitskit.harness.HarnessSpecs;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run phase presents the card's whole key space: the distinct keys a timed run touches match what an i.i.d.
 * stream of the card's distribution touches in as many draws, within 5%. A harness that replays a sample of the
 * stream touches at most the sample's keys and fails here by a wide margin (a 1-s run draws tens of millions of keys
 * over a 4 M-key space; a replayed 160 K-op sample touched under 160 K).
 */
class KeyFootprintTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "{zipfian: 0.99}", "{scrambled-zipfian: 0.99}",
        "{hotspot: {hot-set: 0.01, hot-ops: 0.9}}"})
    void aTimedRunTouchesTheKeysAnIidStreamOfTheCardWould(final String distribution) throws Exception {
        final long seed = System.nanoTime();
        final String yaml = """
            name: footprint
            environment:
              memory-budget: 1GiB
              threads: 2
            workload:
              keys: {count: 4000000}
              values: {fixed: 16}
              mix: {read: 80, upsert: 20}
              distribution: %s
              load: false
              run: {duration: 1s}
            requirements:
              operations: [read, upsert]
              durability: none
            """.formatted(distribution);
        final Path file = HarnessSpecs.write(dir, "footprint", yaml);
        final Spec spec = HarnessSpecs.parse(file);
        // noop keeps nothing, so the run measures what the harness presents, at the harness's own speed.
        final BenchResult r = InProcessBench.run(spec, file, StoreFactory.find("noop"),
            DriverOptions.defaults(2, seed).withStopOnFailure(false), dir.resolve("data"), ProgressListener.NONE);
        final var footprint = r.run().footprint();
        assertNotNull(footprint, "the run phase reports its footprint");
        assertEquals(r.run().operations(), footprint.draws(), "every read and upsert draws a key");
        final String what = String.format(Locale.ROOT, "%s, seed %d: %d draws touched %d keys, an i.i.d. stream "
            + "%.0f", distribution, seed, footprint.draws(), footprint.distinctKeys(),
            footprint.expectedDistinctKeys());
        assertTrue(footprint.draws() > 2_000_000, what + ": too few draws to tell a sample from the stream");
        assertTrue(Math.abs(footprint.ratio() - 1) <= 0.05, what);
    }
}
