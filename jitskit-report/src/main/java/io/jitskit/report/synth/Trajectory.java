package io.jitskit.report.synth;

import java.util.List;
import java.util.Objects;

/**
 * A synthesis run's trajectory, written to {@code trajectory.json} after every iteration so that a report can be
 * drawn while the loop still runs.
 *
 * @param schema     always {@link #SCHEMA}
 * @param spec       the spec's name
 * @param specFile   the spec file the run served
 * @param startedAt  ISO-8601 start of the run
 * @param iterations every attempt, in iteration order
 * @param best       the best store so far, or null while nothing was accepted
 */
public record Trajectory(String schema, String spec, String specFile, String startedAt, List<Attempt> iterations,
                         BestStore best) {

    public static final String SCHEMA = "jitskit.synth/1";

    public Trajectory {
        Objects.requireNonNull(spec, "spec");
        iterations = iterations == null ? List.of() : List.copyOf(iterations);
    }

    /** A trajectory of the current schema. */
    public static Trajectory of(final String spec, final String specFile, final String startedAt,
                                final List<Attempt> iterations, final BestStore best) {
        return new Trajectory(SCHEMA, spec, specFile, startedAt, iterations, best);
    }

    /** This trajectory with one more attempt and the best store after it. */
    public Trajectory plus(final Attempt attempt, final BestStore newBest) {
        final List<Attempt> more = new java.util.ArrayList<>(iterations);
        more.add(attempt);
        return new Trajectory(schema, spec, specFile, startedAt, more, newBest);
    }

    /** Total model cost of the run in USD. */
    public double costUsd() {
        return iterations.stream().mapToDouble(Attempt::costUsd).sum();
    }
}
