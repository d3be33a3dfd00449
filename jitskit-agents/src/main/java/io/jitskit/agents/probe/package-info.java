/**
 * The auditor's checks, written as data: a probe is a list of operations on keys with the outcome each must have
 * ({@link io.jitskit.agents.probe.ProbeSpec}), run by the gate like any built-in probe
 * ({@link io.jitskit.agents.probe.DeclarativeProbe}).
 *
 * <p>Rules: keys are logical ids that pass through the gate's hidden permutation, and values come from the gate's
 * seeded codec, so a probe can name keys and versions but a store can never predict the bytes. A probe is admitted
 * to a run's gate only after the reference store passes it ({@link io.jitskit.agents.probe.ProbeCourt}): a probe that
 * fails a correct store tests the auditor's misunderstanding, not the candidate.
 */
package io.jitskit.agents.probe;
