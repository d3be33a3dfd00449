package io.jitskit.gate;

import java.time.Duration;
import java.util.Locale;

/**
 * How hard the gate pushes: {@link #QUICK} for tests and for every synthesis iteration (at most two minutes per store
 * on a 2-core machine), {@link #FULL} for judging.
 *
 * <table>
 *   <caption>The two levels</caption>
 *   <tr><th>figure</th><th>quick</th><th>full</th></tr>
 *   <tr><td>keys per check (capped by the spec's key count)</td><td>20 000</td><td>10 000 000</td></tr>
 *   <tr><td>read-after-write run</td><td>3 s</td><td>30 s</td></tr>
 *   <tr><td>torn-read run</td><td>8 s</td><td>180 s</td></tr>
 *   <tr><td>crash points per crash test (5 tests)</td><td>3</td><td>24</td></tr>
 *   <tr><td>memory-budget run (same keys)</td><td>6 s</td><td>30 s</td></tr>
 *   <tr><td>log-wrap volume</td><td>64 MiB, at least 4x the live data</td><td>2x the memory budget</td></tr>
 *   <tr><td>checkpoint-under-writes run (per round; up to 3 rounds while over the bound)</td><td>2 s</td>
 *       <td>15 s</td></tr>
 * </table>
 *
 * <p>The checkpoint-under-writes probe loads the gate's key count before it checkpoints, so at {@code full} a writer's
 * stall is measured against a checkpoint of the card's whole key count (up to {@code maxKeys}); at {@code quick} it is
 * measured, and held to the card's {@code max-writer-pause}, on at most 20 000 keys: a store over the bound there is
 * over it at any size, but one under it at {@code quick} may still be over it at {@code full}.
 *
 * @param name                  {@code quick} or {@code full}
 * @param maxKeys               keys each in-process check loads, at most (the spec's key count caps it too)
 * @param readAfterWrite        length of the read-after-write run
 * @param tornReads             length of the torn-read run
 * @param tornHotKeys           keys the torn-read run hammers: few, so writers and readers meet often
 * @param crashPointsPerTest    SIGKILLs per crash-recovery test; half of them (the odd ones) with the lossy layer
 * @param crashKeysPerSession   keys each crash session owns
 * @param killWindowMillis      a kill lands uniformly in {@code [killWindowMillis / 8, killWindowMillis]} after the
 *                              writers' first checkpoint (or their start, when the test takes none)
 * @param budgetKeys            keys the memory-budget run loads, at most
 * @param budgetRun             length of the memory-budget run phase
 * @param wrapMinBytes          the log-wrap probe writes at least this many value bytes
 * @param wrapBudgetMultiple    ... and at least this many times the memory budget (0: not tied to the budget)
 * @param checkpointProbe       length of the checkpoint-under-writes probe
 */
public record GateLevel(String name, long maxKeys, Duration readAfterWrite, Duration tornReads, int tornHotKeys,
                        int crashPointsPerTest, int crashKeysPerSession, long killWindowMillis, long budgetKeys,
                        Duration budgetRun, long wrapMinBytes, double wrapBudgetMultiple, Duration checkpointProbe) {

    /** For tests and every synthesis iteration: at most two minutes per store. */
    public static final GateLevel QUICK = new GateLevel("quick", 20_000, Duration.ofSeconds(3), Duration.ofSeconds(8),
        8, 3, 1_000, 700, 20_000, Duration.ofSeconds(6), 64L << 20, 0, Duration.ofSeconds(2));

    /** The judging level: a long torn-read run and many crash points. */
    public static final GateLevel FULL = new GateLevel("full", 10_000_000, Duration.ofSeconds(30),
        Duration.ofSeconds(180), 16, 24, 5_000, 1_500, Long.MAX_VALUE, Duration.ofSeconds(30), 256L << 20, 2,
        Duration.ofSeconds(15));

    public GateLevel {
        if (crashPointsPerTest < 0 || maxKeys <= 0 || tornHotKeys <= 0 || crashKeysPerSession <= 0) {
            throw new IllegalArgumentException("gate level " + name + ": counts must be positive");
        }
    }

    /** {@code quick} or {@code full}, case-insensitive. */
    public static GateLevel of(final String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("unknown gate level '" + name + "'; use quick or full");
        };
    }

    /** The same level with another number of crash points per crash test. */
    public GateLevel withCrashPoints(final int points) {
        return new GateLevel(name, maxKeys, readAfterWrite, tornReads, tornHotKeys, points, crashKeysPerSession,
            killWindowMillis, budgetKeys, budgetRun, wrapMinBytes, wrapBudgetMultiple, checkpointProbe);
    }

    /** The level as one comma-separated line, for a child JVM's command line ({@link #decode} reads it). */
    public String encode() {
        return String.join(",", name, Long.toString(maxKeys), Long.toString(readAfterWrite.toMillis()),
            Long.toString(tornReads.toMillis()), Integer.toString(tornHotKeys), Integer.toString(crashPointsPerTest),
            Integer.toString(crashKeysPerSession), Long.toString(killWindowMillis), Long.toString(budgetKeys),
            Long.toString(budgetRun.toMillis()), Long.toString(wrapMinBytes), Double.toString(wrapBudgetMultiple),
            Long.toString(checkpointProbe.toMillis()));
    }

    /** Reads what {@link #encode} wrote. */
    public static GateLevel decode(final String line) {
        final String[] f = line.split(",");
        if (f.length != 13) {
            throw new IllegalArgumentException("gate level '" + line + "': expected 13 comma-separated fields");
        }
        return new GateLevel(f[0], Long.parseLong(f[1]), Duration.ofMillis(Long.parseLong(f[2])),
            Duration.ofMillis(Long.parseLong(f[3])), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
            Integer.parseInt(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Duration.ofMillis(Long.parseLong(f[9])),
            Long.parseLong(f[10]), Double.parseDouble(f[11]), Duration.ofMillis(Long.parseLong(f[12])));
    }

    /** The same level with another torn-read run length. */
    public GateLevel withTornReads(final Duration run) {
        return new GateLevel(name, maxKeys, readAfterWrite, run, tornHotKeys, crashPointsPerTest, crashKeysPerSession,
            killWindowMillis, budgetKeys, budgetRun, wrapMinBytes, wrapBudgetMultiple, checkpointProbe);
    }
}
