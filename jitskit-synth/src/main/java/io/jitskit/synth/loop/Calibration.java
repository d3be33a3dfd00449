package io.jitskit.synth.loop;

import io.jitskit.api.StoreFactory;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.harness.fork.ChildJvm;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node's speed on a fixed task, measured beside each evaluation that runs away from the loop: the reference store
 * on a fixed small card, one thread, a fixed seed, a fraction of a second of run after as much warm-up. Throughput
 * measured on two nodes is only comparable through such a figure (a candidate at 2.0 Mops/s on a node that
 * calibrates at 4.0 did as well as one at 1.5 on a node at 3.0); it is recorded, not applied, so the figures stay
 * what was measured.
 */
final class Calibration {

    /** The store every node runs: the project's own, with no native parts, so any node can. */
    static final String STORE = "reference";

    /** One thread: the figure is a core's speed, whatever the node's core count or the card's thread count. */
    static final String CARD = """
        name: calibration
        environment:
          memory-budget: 256MiB
          threads: 1
        workload:
          keys: {count: 20000}
          values: {fixed: 100}
          mix: {read: 50, upsert: 50}
          distribution: {zipfian: 0.99}
          run: {duration: 1s}
        requirements:
          operations: [read, upsert]
          durability: none
        """;

    static final Duration RUN = Duration.ofMillis(600);

    static final long SEED = 0x6a69746b6974L;

    private Calibration() {
    }

    /** Mops/s of the fixed task on this machine, NaN (with the reason on stderr) when it could not run. */
    static double measure(final Path dir) {
        try {
            final Spec card = SpecParser.parse(CARD, dir.resolve("calibration.yaml"));
            final BenchResult r = InProcessBench.run(card, null, StoreFactory.find(STORE),
                DriverOptions.defaults(1, SEED).withRunDuration(RUN), dir.resolve("data"), ProgressListener.NONE);
            ChildJvm.deleteRecursively(dir.resolve("data"));
            if (!r.ok()) {
                System.err.println("calibration: " + r.failure());
                return Double.NaN;
            }
            return r.mops();
        } catch (final Exception e) {
            System.err.println("calibration could not run: " + e);
            return Double.NaN;
        }
    }
}
