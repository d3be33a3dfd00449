/**
 * The correctness gate (CONTRACTS section 4): a synthesized store counts only if it passes.
 *
 * <p>{@link io.jitskit.gate.GateRunner#run} judges one store on one spec at a {@link io.jitskit.gate.GateLevel}
 * and returns a {@link io.jitskit.gate.GateReport}: one {@link io.jitskit.gate.CheckResult} per check, each pass, fail
 * or undecided, with figures and, on failure, a reproducer saved in the run directory. Checks are
 * {@link io.jitskit.gate.Probe}s; the auditor adds its own at run time.
 *
 * <p>Rules: the hidden seed never reaches the store (children read it from standard input, not their command line);
 * every value the gate writes comes from the seed's {@link io.jitskit.workload.ValueCodec} and every read is verified
 * against it; the store under test runs in a child JVM wherever it could end the process; a check that cannot decide
 * says undecided, never pass.
 */
package io.jitskit.gate;
