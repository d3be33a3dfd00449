package io.jitskit.gate.crash;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.child.ChildArgs;
import io.jitskit.gate.child.ChildProcess;
import io.jitskit.gate.lossy.UndoJournal;
import io.jitskit.harness.fork.ChildJvm;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Operation;
import io.jitskit.workload.gen.Mix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Check 5, crash recovery, one {@link CrashScenario} per instance: the store runs in a {@link CrashWriter} child JVM
 * that is killed with SIGKILL at a random moment; a fresh {@link CrashVerifier} JVM recovers it; the gate then holds
 * the recovered per-session serials against what it saw:
 * <ul>
 *   <li>the writer died of the SIGKILL (status 137), not on its own;</li>
 *   <li>each session recovered at least the serial of the last checkpoint the writer printed (never below an
 *       acknowledged checkpoint) and at most the serial it had issued (the scoreboard, exact);</li>
 *   <li>under {@code commit}, at least what had been acknowledged four group-commit intervals plus 500 ms before the
 *       kill;</li>
 *   <li>the recovered state is exactly the reported prefix, every value verifies, and the store goes on (the
 *       verifier's checks).</li>
 * </ul>
 * Even-numbered crash points run in fault mode: the writer's data directory is a {@link
 * io.jitskit.gate.lossy.LossyFileSystem} path and, after the kill, {@link UndoJournal#applyPowerLoss} drops every write
 * not fsynced, as a power cut would (so a checkpoint that forgot to fsync fails even though the operating system kept
 * its data). Odd points keep what the operating system kept: the other end of what a crash may leave.
 */
public final class CrashRecoveryCheck implements Probe {

    private static final int SESSIONS = 2;
    private static final long CHECKPOINT_EVERY_MS = 40;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(3);

    private final CrashScenario scenario;

    public CrashRecoveryCheck(final CrashScenario scenario) {
        this.scenario = scenario;
    }

    /** The five crash tests, (a) to (e). */
    public static List<CrashRecoveryCheck> all() {
        final List<CrashRecoveryCheck> all = new ArrayList<>();
        for (final CrashScenario s : CrashScenario.values()) {
            all.add(new CrashRecoveryCheck(s));
        }
        return all;
    }

    @Override
    public String name() {
        return scenario.checkName();
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Durability durability = sut.spec().requirements().durability();
        if (!durability.isDurable()) {
            return CheckResult.notApplicable(name(), "durability none: nothing must survive a crash");
        }
        if (scenario.rmw() && (!sut.workbench().supports(Operation.RMW) || sut.workbench().counterValueBytes() < 0)) {
            return CheckResult.notApplicable(name(), "the spec does not require rmw (or allows no 8-byte value)");
        }
        final Trial trial = new Trial(name(), sut);
        final int points = sut.level().crashPointsPerTest();
        if (points == 0) {
            return trial.undecided("no crash points at this level");
        }
        final int keys = sut.level().crashKeysPerSession();
        long rng = Mix.mix64(sut.workbench().seed() ^ (0xC4A5_8000L + scenario.ordinal()));
        int lossy = 0;
        int checkpointsSeen = 0;
        long verified = 0;
        long bytesDropped = 0;
        final List<Long> killDelays = new ArrayList<>();
        for (int point = 0; point < points; point++) {
            rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
            final long window = sut.level().killWindowMillis();
            final long delay = window / 8 + Long.remainderUnsigned(rng, Math.max(1, window - window / 8));
            // Fault mode needs the store's writes to pass through java.nio; a store that writes natively or in
            // another process would be damaged by an undo journal that never saw its writes.
            final boolean fault = point % 2 == 0 && sut.provider().filesThroughNio();
            final Path dir = sut.runDir().resolve("crash").resolve(name() + "-" + point);
            ChildJvm.deleteRecursively(dir);
            Files.createDirectories(dir);
            final Path data = dir.resolve("data");
            Files.createDirectories(data);
            final Path journal = dir.resolve("undo.journal");
            final List<String> args = List.of(ChildArgs.of("scenario", scenario.name()),
                ChildArgs.of("sessions", SESSIONS), ChildArgs.of("keys", keys), ChildArgs.of("data", data),
                ChildArgs.of("scoreboard", dir.resolve("scoreboard.bin")),
                ChildArgs.of("checkpointEveryMs", CHECKPOINT_EVERY_MS),
                ChildArgs.of("journal", fault ? journal.toString() : ""), ChildArgs.of("side", dir.resolve("side")));
            final String where = "crash point " + point + " (" + (fault ? "fault mode: unsynced writes dropped"
                : "process crash: the OS keeps unsynced writes") + ", kill " + delay + " ms after the first "
                + "checkpoint" + (durability.level() == Durability.Level.COMMIT ? " plus the commit margin" : "")
                + "; directory " + dir + ")";
            final String repro = "seed " + sut.workbench().seed() + "; scenario " + scenario + "; " + SESSIONS
                + " sessions, " + keys + " keys each; fuzzy checkpoint every " + CHECKPOINT_EVERY_MS + " ms: "
                + scenario.fuzzyCheckpoints() + "; " + where + "\nOperation n of session s is CrashWorkload's pure "
                + "function of (seed, scenario, s, n).\n";
            final Map<Integer, Long> ackedBeforeMargin = new TreeMap<>();
            final List<String> writerLines;
            try (ChildProcess writer = ChildProcess.startFor(sut, "crash-writer", dir.resolve("writer.err"), args)) {
                if (writer.await(CrashWriter.CHECKPOINT, START_TIMEOUT) == null) {
                    return failToStart(trial, writer, where, repro);
                }
                TimeUnit.MILLISECONDS.sleep(delay);
                if (durability.level() == Durability.Level.COMMIT) {
                    try (Scoreboard board = Scoreboard.map(dir.resolve("scoreboard.bin"), SESSIONS)) {
                        for (int s = 0; s < SESSIONS; s++) {
                            ackedBeforeMargin.put(s, board.acked(s));
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(4 * durability.groupCommitInterval().toMillis() + 500);
                }
                final boolean alive = writer.isAlive();
                writer.killNow();
                if (!alive || writer.exitValue() != ChildProcess.SIGKILL_EXIT_STATUS) {
                    return trial.fail("the store's process died on its own (exit status " + writer.exitValue()
                        + ") before the kill at " + where, repro + "writer output: " + writer.transcript()
                        + "\nstderr:\n" + writer.stderrTail(30));
                }
                writerLines = writer.transcript();
            }
            final Map<Integer, Long> checkpointed = lastCheckpoint(writerLines);
            checkpointsSeen += (int) writerLines.stream().filter(l -> l.startsWith(CrashWriter.CHECKPOINT)).count();
            final Map<Integer, Long> issued = new TreeMap<>();
            try (Scoreboard board = Scoreboard.map(dir.resolve("scoreboard.bin"), SESSIONS)) {
                for (int s = 0; s < SESSIONS; s++) {
                    issued.put(s, board.issued(s));
                }
            }
            String lossNote = "";
            if (fault) {
                final UndoJournal.Loss loss = UndoJournal.applyPowerLoss(journal, data);
                bytesDropped += loss.bytesRestored();
                lossNote = "; power loss simulated: " + loss.describe();
                lossy++;
            }
            final String seen = repro + "last acknowledged checkpoint " + checkpointed + "; issued " + issued
                + lossNote + "\n";
            try (ChildProcess verifier = ChildProcess.startFor(sut, "crash-verifier", dir.resolve("verifier.err"),
                args)) {
                final int status = verifier.waitFor(VERIFY_TIMEOUT);
                final List<String> lines = verifier.transcript();
                final String recoveredLine = find(lines, CrashVerifier.RECOVERED);
                if (recoveredLine == null) {
                    return trial.fail("recovery failed at " + where + (status == -1 ? ": it overran "
                        + VERIFY_TIMEOUT.toMinutes() + " min" : ": " + firstOr(lines, "ERROR", "exit status "
                        + status)), seen + "stderr:\n" + verifier.stderrTail(30));
                }
                final Map<Integer, Long> recovered = CrashWriter.serials(recoveredLine, 2);
                for (int s = 0; s < SESSIONS; s++) {
                    final long r = recovered.getOrDefault(s, 0L);
                    if (r < checkpointed.getOrDefault(s, 0L)) {
                        return trial.fail("session " + s + " recovered to serial " + r + ", below the "
                            + checkpointed.get(s) + " of a checkpoint the store had acknowledged, at " + where,
                            seen + recoveredLine);
                    }
                    if (r > issued.get(s)) {
                        return trial.fail("session " + s + " recovered to serial " + r + ", beyond the "
                            + issued.get(s) + " it had issued, at " + where, seen + recoveredLine);
                    }
                    final Long owed = ackedBeforeMargin.get(s);
                    if (owed != null && r < owed) {
                        return trial.fail("session " + s + " recovered to serial " + r + " but serial " + owed
                            + " had been acknowledged a commit margin before the kill (durability commit), at "
                            + where, seen + recoveredLine);
                    }
                }
                final String mismatch = find(lines, CrashVerifier.MISMATCH);
                if (mismatch != null) {
                    return trial.fail(mismatch.substring(CrashVerifier.MISMATCH.length() + 1) + ", at " + where,
                        seen + recoveredLine);
                }
                final String continued = find(lines, CrashVerifier.CONTINUED);
                if (continued == null || status != 0) {
                    return trial.fail("the recovered store did not go on at " + where + ": "
                        + firstOr(lines, "ERROR", "exit status " + status), seen + recoveredLine + "\nstderr:\n"
                        + verifier.stderrTail(30));
                }
                verified += Long.parseLong(find(lines, CrashVerifier.VERIFIED).split(" ")[1])
                    + Long.parseLong(continued.split(" ")[1]);
            }
            killDelays.add(delay);
            ChildJvm.deleteRecursively(dir);
        }
        trial.figure("crash_points", points).figure("fault_mode_points", lossy)
            .figure("checkpoints_acknowledged", checkpointsSeen).figure("values_verified", verified)
            .figure("unsynced_bytes_dropped", bytesDropped).figure("kill_delays_ms", killDelays.toString());
        return trial.pass(points + " SIGKILLs (" + lossy + " with unsynced writes dropped"
            + (sut.provider().filesThroughNio() ? "" : "; fault mode not applicable: the store's file I/O bypasses "
                + "java.nio") + "), " + checkpointsSeen + " checkpoints acknowledged, " + verified
            + " recovered values verified");
    }

    private CheckResult failToStart(final Trial trial, final ChildProcess writer, final String where,
                                    final String repro) throws java.io.IOException {
        return trial.fail("the writer never completed its first checkpoint at " + where + ": "
            + firstOr(writer.transcript(), "ERROR", writer.isAlive() ? "no checkpoint within "
            + START_TIMEOUT.toSeconds() + " s" : "the process ended"), repro + "stderr:\n" + writer.stderrTail(30));
    }

    private static Map<Integer, Long> lastCheckpoint(final List<String> lines) {
        Map<Integer, Long> last = Map.of();
        for (final String line : lines) {
            if (line.startsWith(CrashWriter.CHECKPOINT + " ")) {
                last = CrashWriter.serials(line, 2);
            }
        }
        return last;
    }

    private static String find(final List<String> lines, final String prefix) {
        for (final String line : lines) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    private static String firstOr(final List<String> lines, final String prefix, final String otherwise) {
        final String line = find(lines, prefix);
        return line == null ? otherwise : line;
    }
}
