package io.jitskit.synth.loop;

import io.jitskit.report.synth.Attempt;

/** Told what the loop is doing, for progress on a terminal. */
public interface LoopListener {

    LoopListener NONE = new LoopListener() { };

    /** An iteration starts building {@code plan}. */
    default void planned(final int iteration, final Plan plan) {
    }

    /** A phase of the iteration (compile, gate, bench) starts. */
    default void phase(final int iteration, final String phase) {
    }

    /** An iteration ended. */
    default void attempted(final Attempt attempt, final Critique critique) {
    }

    /** A message worth a line (audit findings, the final comparison). */
    default void note(final String message) {
    }
}
