package io.jitskit.report.compare;

import io.jitskit.api.MetricNames;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.LatencySummary;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code compare.json} keeps of one run; the full {@link BenchResult} stays in {@code resultFile}.
 *
 * @param round            1-based round
 * @param sequence         1-based position in execution order
 * @param seed             the round's hidden seed, to reproduce the run
 * @param verdict          {@code ok}, {@code failed} or {@code skipped}
 * @param failure          why it failed or was skipped, or null
 * @param mops             run-phase Mops/s, null unless the run is ok
 * @param p99Nanos         run-phase p99 latency per operation type, in ns; empty unless the run is ok
 * @param peakChargedBytes the largest memory charge sampled, or null when not measured
 * @param resultFile       the full result, relative to the comparison directory, or null
 * @param othersCpuShare   the share of the machine other processes took during the run phase, or null when not
 *                         measured; above {@link BenchResult#DISTURBED_SHARE} the run was kept only after its retries
 */
public record RunSummary(int round, int sequence, long seed, String verdict, String failure, Double mops,
                         Map<String, Long> p99Nanos, Long peakChargedBytes, String resultFile,
                         Double othersCpuShare) {

    public RunSummary {
        p99Nanos = p99Nanos == null ? Map.of() : Map.copyOf(new TreeMap<>(p99Nanos));
    }

    static RunSummary of(final RunRecord run, final String resultFile) {
        final BenchResult r = run.result();
        final Map<String, Long> p99 = new TreeMap<>();
        if (r.ok() && r.run() != null) {
            for (final Map.Entry<String, LatencySummary> e : r.run().latency().entrySet()) {
                if (e.getValue().samples() > 0) {
                    p99.put(e.getKey(), e.getValue().p99());
                }
            }
        }
        final Long peak = r.memory() == null || r.memory().peakChargedBytes() < 0 ? null
            : r.memory().peakChargedBytes();
        return new RunSummary(run.round(), run.sequence(), run.seed(), r.verdict(), r.failure(),
            r.ok() && r.run() != null ? r.mops() : null, p99, peak, resultFile,
            r.indicators() == null ? null : r.indicators().get(MetricNames.MACHINE_OTHERS_CPU_SHARE));
    }

    /** Whether other processes took more than {@link BenchResult#DISTURBED_SHARE} of the machine in this run. */
    public boolean disturbed() {
        return othersCpuShare != null && othersCpuShare > BenchResult.DISTURBED_SHARE;
    }

    public boolean ok() {
        return "ok".equals(verdict);
    }
}
