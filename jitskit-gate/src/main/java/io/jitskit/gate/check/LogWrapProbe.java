package io.jitskit.gate.check;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.child.ChildArgs;
import io.jitskit.gate.child.ChildProcess;
import java.time.Duration;
import java.util.List;

/**
 * Probe 7d, a run long enough to wrap any fixed-size log or ring (paper section 7: designs that "hit fixed-size caps
 * and call abort()", "one ring buffer silently overwrites old keys"): {@link LogWrapWorkload} in a child JVM, so that
 * an exit or abort ends the child and not the gate. Space must be reclaimed: cold keys written once at the start must
 * still read back after the hot keys have been rewritten many times over.
 */
public final class LogWrapProbe implements Probe {

    public static final String NAME = "probe-log-wrap";

    private static final Duration LIMIT = Duration.ofMinutes(20);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final long volume = LogWrapWorkload.volume(sut);
        trial.figure("keys", LogWrapWorkload.keys(sut)).figure("volume_bytes", volume);
        final String repro = "seed " + sut.workbench().seed() + "; load ids [0, " + LogWrapWorkload.keys(sut)
            + ") at version 1, then rewrite the hot ids [0, keys / 100) (thread t owns id = t mod threads) until "
            + volume + " value bytes are written, checkpointing every 16 MiB when durable; read every key back.\n";
        try (ChildProcess child = ChildProcess.startFor(sut, "wrap", sut.runDir().resolve("logs/wrap.err"),
            List.of(ChildArgs.of("data", sut.newDataDir(NAME))))) {
            final int status = child.waitFor(LIMIT);
            final List<String> lines = child.transcript();
            final String wrote = lines.stream().filter(l -> l.startsWith(LogWrapWorkload.WROTE))
                .reduce((a, b) -> b).orElse(LogWrapWorkload.WROTE + " 0 (or less than 16 MiB)");
            final String bad = lines.stream().filter(l -> l.startsWith(LogWrapWorkload.BAD)).findFirst().orElse(null);
            final String ok = lines.stream().filter(l -> l.startsWith(LogWrapWorkload.OK)).findFirst().orElse(null);
            if (bad != null) {
                return trial.fail("old keys did not survive a long write run (space overwritten, not reclaimed): "
                    + bad.substring(LogWrapWorkload.BAD.length() + 1), repro);
            }
            if (ok != null && status == 0) {
                final String[] f = ok.split(" ");
                trial.figure("reads_verified", Long.parseLong(f[1])).figure("bytes_written", Long.parseLong(f[2]));
                return trial.pass(f[2] + " bytes rewritten over " + f[1] + " keys; every key read back");
            }
            final String error = lines.stream().filter(l -> l.startsWith("ERROR")).findFirst().orElse(null);
            return trial.fail("the store's process " + (status == -1 ? "overran " + LIMIT.toMinutes() + " min"
                : "ended with status " + status) + " during the long write run (last progress: " + wrote + ")"
                + (error != null ? ": " + error : ": the store exited or aborted"), repro + "stderr:\n"
                + child.stderrTail(30));
        }
    }
}
