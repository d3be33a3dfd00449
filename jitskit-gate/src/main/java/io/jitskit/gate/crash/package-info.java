/**
 * The five crash-recovery tests (CONTRACTS section 4.5), after FASTER's sum-store drill: a writer JVM killed with
 * SIGKILL, a fresh JVM that recovers, and per-session serial prefixes checked against what the writer reported.
 *
 * <p>Rules: a session's operations are a pure function of (seed, scenario, session, serial), sessions own disjoint
 * keys, so any reported prefixes determine the state exactly; issued and acknowledged serials cross the kill through
 * a shared mapping outside the data directory; fault-mode points drop every unsynced write before recovery.
 */
package io.jitskit.gate.crash;
