/**
 * The gate's checks that drive a store through sessions: retention (1), read-after-write (2), torn reads (3),
 * delete (4), memory budget (6) and the adversarial probes (7a-7e); and, outside the gate's default checks, the
 * reclamation soak ({@link io.jitskit.gate.check.ReclamationSoak}, {@code jitskit soak --reclaim}).
 *
 * <p>Rules: each check opens its own store on a fresh data directory; keys and values come from the run's
 * {@link io.jitskit.gate.Workbench}; per-operation loops reuse their {@link io.jitskit.gate.Lane} buffers; a failure
 * names the key (id and store bytes) and what was expected and found, and its reproducer says how to replay it.
 */
package io.jitskit.gate.check;
