package io.jitskit.cli;

import io.jitskit.harness.floor.MachineFloor;
import io.jitskit.harness.stats.Spread;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The machine's noise floor: a fixed memory-bound kernel run N times, reported as {@code bench --repeat} reports a
 * store. A store's A/A spread cannot be smaller than this on the same machine; set them side by side.
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
    description = "Measure this machine's noise floor: a fixed kernel of dependent random loads (no store, no "
        + "harness) run N times; its spread is the least any store's A/A spread can be here.")
final class FloorCommand implements Callable<Integer> {

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "5",
        description = "Length of each run (default: ${DEFAULT-VALUE}, a synthesis benchmark's).")
    double seconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
        description = "Threads at once, as a card's workers (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--mib", paramLabel = "M", defaultValue = "512",
        description = "Table size in MiB, off-heap (default: ${DEFAULT-VALUE}; larger than any CPU cache).")
    int mib;

    @Override
    public Integer call() throws Exception {
        if (runs < 2) {
            System.err.println("jitskit floor: --runs " + runs + ": give at least 2, a spread needs two runs");
            return Jitskit.EXIT_USAGE;
        }
        if (!(seconds > 0) || seconds > 3600) {
            System.err.println("jitskit floor: --duration " + seconds + ": give a length in (0, 3600] seconds");
            return Jitskit.EXIT_USAGE;
        }
        if (threads < 1 || mib < 1) {
            System.err.println("jitskit floor: --threads and --mib must be at least 1");
            return Jitskit.EXIT_USAGE;
        }
        System.out.printf(Locale.ROOT, "machine floor: %d threads of dependent random loads over %d MiB, %d runs of "
            + "%.1f s%n", threads, mib, runs, seconds);
        try (Arena arena = Arena.ofShared()) {
            final MachineFloor floor = new MachineFloor(threads, (long) mib << 20, arena);
            final double[] rates = floor.measure(runs, Duration.ofNanos((long) (seconds * 1e9)),
                (r, rate) -> System.out.printf(Locale.ROOT, "run %d of %d: %.2f M loads/s%n", r + 1, runs, rate));
            final Spread s = Spread.of(rates);
            System.out.printf(Locale.ROOT, "floor: median %.2f M loads/s, min..max %.2f..%.2f (max/min %.1f%%), 95%% "
                    + "interval %.2f..%.2f%nA store's A/A spread near this is the machine's, not the harness's "
                    + "(jitskit-harness/EVALUATOR.md).%n", s.median(), s.min(), s.max(), 100 * s.maxOverMin(), s.low(),
                s.high());
        }
        return 0;
    }
}
