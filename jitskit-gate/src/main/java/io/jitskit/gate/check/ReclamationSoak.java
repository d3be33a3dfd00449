package io.jitskit.gate.check;

import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.child.ChildArgs;
import io.jitskit.gate.child.ChildProcess;
import io.jitskit.observe.budget.BudgetSample;
import io.jitskit.observe.budget.BudgetWatcher;
import io.jitskit.observe.budget.MemoryBudget;
import io.jitskit.observe.budget.Verdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The reclamation soak (issue 21, part 5): a store that must reclaim what it overwrites and deletes, for long. In a
 * child JVM ({@link ReclamationWorkload}) the store is loaded with the card's whole key count, then
 * {@code volumeMultiple} times the card's memory budget of values is written over it, one write in eight a delete
 * where the card has deletes, checkpointing every 64 MiB where it is durable. The gate samples the child every
 * {@link #PERIOD} and rejects the store when
 * <ul>
 *   <li>its charged memory (resident memory plus the page cache of its files, as the memory-budget check counts it;
 *       the soak's own ledger of 4 bytes per key excepted) ever exceeds the card's budget;</li>
 *   <li>its data directory ever holds more than {@link #DISK_MULTIPLE} times the live data plus
 *       {@link #DISK_ALLOWANCE} (live data: the loaded keys, 8 bytes each, and their values at the card's mean size;
 *       the allowance covers what a store preallocates or keeps per checkpoint whatever its size): a store that does
 *       not reclaim outgrows this long before the volume is written;</li>
 *   <li>the process exits, aborts or overruns its time, or a key does not read back its last write (or is found
 *       after its delete) at the end.</li>
 * </ul>
 * Not part of the gate's default checks: it writes ten times the budget and runs as long as that takes. {@code jitskit
 * soak --reclaim} runs it; its test runs it on a tiny card at a small multiple.
 */
public final class ReclamationSoak implements Probe {

    public static final String NAME = "soak-reclamation";

    /** The volume the issue asks for: ten times the budget. */
    public static final double DEFAULT_VOLUME_MULTIPLE = 10;

    /** The data directory may hold at most this many times the live data ... */
    public static final double DISK_MULTIPLE = 4;

    /** ... plus this much. */
    public static final long DISK_ALLOWANCE = 64L << 20;

    private static final Duration PERIOD = Duration.ofMillis(250);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final double volumeMultiple;
    private final Duration limit;

    /**
     * @param volumeMultiple value bytes written, in memory budgets
     * @param limit          the longest the child may run before it counts as hung
     */
    public ReclamationSoak(final double volumeMultiple, final Duration limit) {
        if (!(volumeMultiple > 0)) {
            throw new IllegalArgumentException("volume multiple must be positive, was " + volumeMultiple);
        }
        this.volumeMultiple = volumeMultiple;
        this.limit = limit;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The live data the disk bound is a multiple of: keys of 8 bytes and values at the card's mean size. */
    static long liveBytes(final StoreUnderTest sut) {
        return (long) (ReclamationWorkload.keys(sut) * (8 + sut.spec().workload().valueSizes().mean()));
    }

    /** The most the data directory may hold. */
    static long diskBound(final StoreUnderTest sut) {
        return (long) (DISK_MULTIPLE * liveBytes(sut)) + DISK_ALLOWANCE;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final long budget = sut.spec().environment().memoryBudgetBytes();
        final long ledger = ReclamationWorkload.ledgerBytes(sut);
        final long volume = ReclamationWorkload.volume(sut, volumeMultiple);
        final long live = liveBytes(sut);
        final long diskBound = diskBound(sut);
        final Path dataDir = sut.newDataDir(NAME);
        trial.figure("keys", ReclamationWorkload.keys(sut)).figure("volume_bytes", volume)
            .figure("volume_budgets", volumeMultiple).figure("live_bytes", live).figure("disk_bound_bytes", diskBound)
            .figure("budget_bytes", budget).figure("ledger_bytes", ledger);
        final String repro = "seed " + sut.workbench().seed() + "; child JVM loads " + ReclamationWorkload.keys(sut)
            + " keys, then writes " + volume + " value bytes over keys drawn uniformly (thread t owns key mod "
            + "threads), one write in " + ReclamationWorkload.DELETE_ONE_IN + " a delete where the card has deletes, "
            + "checkpointing every " + (ReclamationWorkload.CHECKPOINT_BYTES >> 20) + " MiB when durable; then reads "
            + "every key; data dir " + dataDir + "\n";
        try (ChildProcess child = ChildProcess.startFor(sut, "soak", sut.runDir().resolve("logs/soak.err"),
            List.of(ChildArgs.of("data", dataDir), ChildArgs.of("multiple", volumeMultiple)))) {
            if (child.await(ReclamationWorkload.STARTED, START_TIMEOUT) == null) {
                return trial.undecided("the soak child did not start: " + child.stderrTail(5));
            }
            final long baseline;
            final BudgetWatcher watcher;
            try {
                baseline = new MemoryBudget(budget, child.pid(), dataDir).sample(0).chargedBytes();
                // The ledger is the soak's, not the store's: the budget the watcher holds the child to includes it.
                watcher = BudgetWatcher.start(child.pid(), dataDir, budget + ledger, PERIOD, v -> child.kill());
            } catch (final Exception e) {
                return trial.undecided("memory and disk cannot be measured here: " + e.getMessage());
            }
            child.send("GO");
            final int status;
            final Verdict verdict;
            final List<BudgetSample> samples;
            try (watcher) {
                status = child.waitFor(limit);
                verdict = watcher.stop();
                samples = watcher.samples();
            }
            final List<String> lines = child.transcript();
            long peakDisk = 0;
            for (final BudgetSample s : samples) {
                peakDisk = Math.max(peakDisk, s.storeFileBytes());
            }
            final long peakProcess = samples.stream().mapToLong(BudgetSample::processChargedBytes).max().orElse(0);
            trial.figure("peak_charged_bytes", verdict.peakChargedBytes()).figure("jvm_baseline_bytes", baseline)
                .figure("peak_process_bytes", peakProcess).figure("peak_disk_bytes", peakDisk)
                .figure("peak_disk_over_live", (double) peakDisk / live).figure("samples", samples.size())
                .figure("disk_by_third", thirds(samples));
            final String wrote = lines.stream().filter(l -> l.startsWith(ReclamationWorkload.WROTE))
                .reduce((a, b) -> b).map(l -> l.split(" ")[1]).orElse("less than 64 MiB");
            if (verdict.exceeded()) {
                return trial.fail("over the memory budget after " + wrote + " bytes written: " + verdict.describe()
                    + " (the soak's ledger of " + mib(ledger) + " excepted)", repro + verdict.describe());
            }
            if (peakDisk > diskBound) {
                return trial.fail(String.format(Locale.ROOT, "the data directory grew to %s, %.1f x the live data "
                        + "of %s, over the bound of %s (%.0f x live + %s): space is not reclaimed (disk by thirds "
                        + "of the run: %s)", mib(peakDisk), (double) peakDisk / live, mib(live), mib(diskBound),
                    DISK_MULTIPLE, mib(DISK_ALLOWANCE), thirds(samples)), repro);
            }
            final String bad = lines.stream().filter(l -> l.startsWith(ReclamationWorkload.BAD)).findFirst()
                .orElse(null);
            if (bad != null) {
                return trial.fail("a key did not read back its last write after the soak: "
                    + bad.substring(ReclamationWorkload.BAD.length() + 1), repro);
            }
            final String ok = lines.stream().filter(l -> l.startsWith(ReclamationWorkload.OK)).findFirst()
                .orElse(null);
            if (ok == null || status != 0) {
                final String error = lines.stream().filter(l -> l.startsWith("ERROR")).findFirst().orElse(null);
                return trial.fail("the store's process " + (status == -1 ? "overran " + limit.toMinutes() + " min"
                    : "ended with status " + status) + " during the soak (last progress: " + wrote + " bytes)"
                    + (error != null ? ": " + error : ": the store exited or aborted"), repro + "stderr:\n"
                    + child.stderrTail(30));
            }
            if (verdict.failure() != null || samples.isEmpty()) {
                return trial.undecided("memory and disk could not be sampled throughout: " + verdict.describe());
            }
            final String[] f = ok.split(" ");
            trial.figure("keys_read", Long.parseLong(f[1])).figure("bytes_written", Long.parseLong(f[2]))
                .figure("deletes", Long.parseLong(f[3]));
            return trial.pass(String.format(Locale.ROOT, "%s of values written (%s budgets) with %s deletes over "
                    + "%s keys; disk peaked at %s, %.2f x the live %s (bound %s); memory peaked at %s of %s; every "
                    + "key read back", mib(Long.parseLong(f[2])), BigDecimal.valueOf(volumeMultiple)
                    .stripTrailingZeros().toPlainString(), f[3], f[1], mib(peakDisk),
                (double) peakDisk / live, mib(live), mib(diskBound), mib(verdict.peakChargedBytes()), mib(budget)));
        }
    }

    /** The data directory's peak in each third of the run, so growth that never levels off shows. */
    private static String thirds(final List<BudgetSample> samples) {
        if (samples.isEmpty()) {
            return "no samples";
        }
        final StringBuilder sb = new StringBuilder();
        for (int third = 0; third < 3; third++) {
            long peak = 0;
            for (int i = third * samples.size() / 3; i < (third + 1) * samples.size() / 3; i++) {
                peak = Math.max(peak, samples.get(i).storeFileBytes());
            }
            sb.append(third == 0 ? "" : ", ").append(mib(peak));
        }
        return sb.toString();
    }

    private static String mib(final long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
