package io.jitskit.gate.check;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.child.ChildArgs;
import io.jitskit.gate.child.ChildProcess;
import io.jitskit.observe.budget.BudgetWatcher;
import io.jitskit.observe.budget.MemoryBudget;
import io.jitskit.observe.budget.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Check 6, memory budget: the store runs a load and a mixed run in a child JVM while a {@link BudgetWatcher} samples
 * the child's charged memory every 100 ms: its resident memory plus the page cache held by the files under its data
 * directory (a store that parks data in the page cache pays for it: the gallery's page-cache hog). Two bounds:
 * <ul>
 *   <li>no sample may exceed the card's memory budget;</li>
 *   <li>the store's own share, the peak less the JVM's footprint sampled before the store was opened, may not exceed
 *       the budget less the card's headroom (paper section 3.1: leave room for buffers and the page cache).</li>
 * </ul>
 * Undecided when the budget cannot be measured (not Linux, or sampling failed).
 */
public final class MemoryBudgetCheck implements Probe {

    public static final String NAME = "memory-budget";

    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final long budget = sut.spec().environment().memoryBudgetBytes();
        final long usable = sut.spec().environment().usableBytes();
        final Path dataDir = sut.newDataDir(NAME);
        trial.figure("budget_bytes", budget).figure("usable_bytes", usable).figure("keys", BudgetWorkload.keys(sut))
            .figure("run_ms", sut.level().budgetRun().toMillis());
        final String repro = "seed " + sut.workbench().seed() + "; child JVM (heap capped at " + usable + " bytes) "
            + "loads " + BudgetWorkload.keys(sut) + " keys then runs 50 % reads / 50 % upserts for "
            + sut.level().budgetRun().toMillis() + " ms; data dir " + dataDir + "\n";
        try (ChildProcess child = ChildProcess.startFor(sut, "budget", sut.runDir().resolve("logs/budget.err"),
            List.of(ChildArgs.of("data", dataDir)))) {
            if (child.await(BudgetWorkload.STARTED, START_TIMEOUT) == null) {
                return trial.undecided("the budget child did not start: " + child.stderrTail(5));
            }
            final long baseline;
            final BudgetWatcher watcher;
            try {
                baseline = new MemoryBudget(budget, child.pid(), dataDir).sample(0).chargedBytes();
                // Over budget is a verdict already: end the child there rather than at the end of its run.
                watcher = BudgetWatcher.start(child.pid(), dataDir, budget, PERIOD, v -> child.kill());
            } catch (final Exception e) {
                return trial.undecided("the memory budget cannot be measured here: " + e.getMessage());
            }
            child.send("GO");
            final Duration limit = sut.level().budgetRun().plusMinutes(5);
            final int status;
            final Verdict verdict;
            try (watcher) {
                status = child.waitFor(limit);
                verdict = watcher.stop();
            }
            final long storeShare = verdict.peakChargedBytes() - baseline;
            trial.figure("peak_charged_bytes", verdict.peakChargedBytes()).figure("jvm_baseline_bytes", baseline)
                .figure("store_share_bytes", storeShare).figure("samples", verdict.samples());
            if (verdict.exceeded()) {
                return trial.fail("over the memory budget: " + verdict.describe(), repro + verdict.describe());
            }
            final String bad = child.transcript().stream().filter(l -> l.startsWith(BudgetWorkload.BAD_READ))
                .findFirst().orElse(null);
            if (bad != null) {
                return trial.fail("a read during the budget run returned bad bytes: " + bad, repro);
            }
            if (status != 0) {
                return trial.fail("the store's process ended with status " + status + " during the budget run"
                    + (status == -1 ? " (it overran " + limit.toSeconds() + " s and was killed)" : ""),
                    repro + "stderr:\n" + child.stderrTail(30));
            }
            if (verdict.failure() != null || verdict.samples() == 0) {
                return trial.undecided("the budget could not be sampled throughout: " + verdict.describe());
            }
            if (storeShare > usable) {
                return trial.fail("the store's own memory (" + storeShare / (1 << 20) + " MiB over the JVM's "
                    + baseline / (1 << 20) + " MiB) leaves less than the card's headroom of the budget (usable "
                    + usable / (1 << 20) + " MiB)", repro + verdict.describe());
            }
            return trial.pass("peak " + verdict.peakChargedBytes() / (1 << 20) + " MiB charged of a "
                + budget / (1 << 20) + " MiB budget (store's share " + storeShare / (1 << 20) + " MiB, usable "
                + usable / (1 << 20) + " MiB), " + verdict.samples() + " samples");
        }
    }
}
