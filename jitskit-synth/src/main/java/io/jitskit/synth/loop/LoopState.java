package io.jitskit.synth.loop;

import io.jitskit.report.synth.Attempt;
import io.jitskit.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the roles may read of the run so far. Owned by {@link SynthesisLoop}; roles read it, only the loop writes.
 */
public final class LoopState {

    private final Spec spec;
    private final Path runDir;
    private final DesignBrief brief = new DesignBrief();
    private final Whiteboard whiteboard = new Whiteboard();
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> tried = new HashSet<>();
    private final List<Blueprint> passed = new ArrayList<>();
    /** {@link io.jitskit.synth.engine.CompiledStore#realization()} of each evaluated store, with its iteration. */
    private final Map<String, Integer> realizations = new HashMap<>();
    /** Every design built, with its parent, for {@code state.json}. */
    final List<LoopPersistence.Built> built = new ArrayList<>();
    private Blueprint best;
    private double bestMops = Double.NaN;
    /** Every run of the best store: its first, its winning rematch's, and every rematch it has defended since. */
    private final List<Double> bestRuns = new ArrayList<>();
    private int bestIteration;

    LoopState(final Spec spec, final Path runDir) {
        this.spec = spec;
        this.runDir = runDir;
    }

    public Spec spec() {
        return spec;
    }

    public Path runDir() {
        return runDir;
    }

    public DesignBrief brief() {
        return brief;
    }

    public Whiteboard whiteboard() {
        return whiteboard;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Whether a design with this key was already built. */
    public boolean tried(final String key) {
        return tried.contains(key);
    }

    /** The fastest design that passed the gate, or null. */
    public Blueprint best() {
        return best;
    }

    public double bestMops() {
        return bestMops;
    }

    public int bestIteration() {
        return bestIteration;
    }

    /** Designs that passed the gate, fastest last-found order; the planner backtracks through them. */
    public List<Blueprint> passed() {
        return List.copyOf(passed);
    }

    public int iterationsDone() {
        return attempts.size();
    }

    void markTried(final Blueprint b) {
        tried.add(b.key());
    }

    /** The iteration that evaluated a store with this realization, or null. */
    Integer realizedBy(final String realization) {
        return realizations.get(realization);
    }

    /** The realization evaluated in {@code iteration}, or null when unknown (did not compile, no sources). */
    String realizationOf(final int iteration) {
        for (final Map.Entry<String, Integer> e : realizations.entrySet()) {
            if (e.getValue() == iteration) {
                return e.getKey();
            }
        }
        return null;
    }

    void realized(final String realization, final int iteration) {
        if (realization != null) {
            realizations.putIfAbsent(realization, iteration);
        }
    }

    void record(final Attempt a) {
        attempts.add(a);
    }

    void passed(final Blueprint b) {
        passed.add(b);
    }

    /** Crowns {@code b}; its figure is the median of {@code runs}. */
    void best(final Blueprint b, final List<Double> runs, final int iteration) {
        best = b;
        bestRuns.clear();
        bestRuns.addAll(runs);
        bestMops = median(bestRuns);
        bestIteration = iteration;
    }

    void best(final Blueprint b, final double mops, final int iteration) {
        best(b, List.of(mops), iteration);
    }

    /** Adds the runs the best measured while defending its place; its figure stays the median of all its runs. */
    void bestMeasuredAgain(final double[] runs) {
        for (final double m : runs) {
            if (m > 0) {
                bestRuns.add(m);
            }
        }
        bestMops = median(bestRuns);
    }

    /** The best's runs: its figure is their median. Null without a best. */
    public io.jitskit.harness.stats.Spread bestSpread() {
        return bestRuns.isEmpty() ? null
            : io.jitskit.harness.stats.Spread.of(bestRuns.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** How many runs the best's figure is the median of. */
    public int bestRunCount() {
        return bestRuns.size();
    }

    private static double median(final List<Double> runs) {
        return runs.isEmpty() ? Double.NaN
            : io.jitskit.harness.stats.Spread.of(runs.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }

    /** Forgets the best (the auditor found it flawed): the next best that passed takes its place, if any. */
    void demote(final Blueprint flawed) {
        passed.removeIf(p -> p.key().equals(flawed.key()));
        if (best != null && best.key().equals(flawed.key())) {
            best = null;
            bestMops = Double.NaN;
            bestRuns.clear();
            bestIteration = 0;
        }
    }
}
