package io.jitskit.observe.budget;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link BudgetWatcher} saw: the budget, the first sample over it (if any), the peak, and whether the
 * watching itself went wrong.
 *
 * @param pid                the process watched
 * @param budgetBytes        the budget
 * @param firstExcess        the first sample whose charged bytes exceeded the budget, or {@code null} when none did
 * @param peak               the sample with the most charged bytes, or {@code null} before the first sample
 * @param samples            samples taken
 * @param slowestSampleNanos the longest a single sample took to take: the instrument's own cost, and the slack in
 *                           its period
 * @param processEnded       whether sampling stopped because the process exited
 * @param failure            why sampling stopped early (a file that could not be read), or {@code null}; a run
 *                           whose budget could not be measured must not pass
 */
public record Verdict(
    long pid,
    long budgetBytes,
    BudgetSample firstExcess,
    BudgetSample peak,
    int samples,
    long slowestSampleNanos,
    boolean processEnded,
    String failure) {

    private static final double MIB = 1024.0 * 1024.0;

    /** Whether some sample exceeded the budget. */
    public boolean exceeded() {
        return firstExcess != null;
    }

    /** Whether the budget was measured throughout and never exceeded. */
    public boolean withinBudget() {
        return firstExcess == null && failure == null && samples > 0;
    }

    /** The first sample over the budget. */
    public Optional<BudgetSample> excess() {
        return Optional.ofNullable(firstExcess);
    }

    /** The charged bytes of the peak sample, 0 before the first sample. */
    public long peakChargedBytes() {
        return peak == null ? 0 : peak.chargedBytes();
    }

    /** One line with the outcome and its figures, for a run's report and a test's failure message. */
    public String describe() {
        final String budget = String.format(Locale.ROOT, "budget %.1f MiB", budgetBytes / MIB);
        final StringBuilder line = new StringBuilder();
        if (exceeded()) {
            line.append("memory budget exceeded by process ").append(pid).append(": ").append(budget)
                .append(", first over: ").append(firstExcess.describe()).append("; peak: ").append(peak.describe());
        } else if (samples == 0) {
            line.append("memory budget not measured for process ").append(pid).append(": no sample taken");
        } else {
            line.append("memory within ").append(budget).append(" for process ").append(pid).append(": peak ")
                .append(peak.describe());
        }
        line.append(String.format(Locale.ROOT, "; %d samples, slowest %.2f ms", samples, slowestSampleNanos / 1e6));
        if (processEnded) {
            line.append("; process ended");
        }
        if (failure != null) {
            line.append("; sampling failed: ").append(failure);
        }
        return line.toString();
    }
}
