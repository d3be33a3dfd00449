/**
 * Spec cards: the typed, immutable description of what a store must be.
 *
 * <p>A {@link io.jitskit.spec.Spec} joins three cards. The {@link io.jitskit.spec.Environment} says what the machine
 * gives (memory budget, headroom, threads, storage); the {@link io.jitskit.spec.Workload} says what the store will be
 * asked to do (keys, values, operation mix, key distribution, phases, or a trace); the
 * {@link io.jitskit.spec.Requirements} say what must hold (operations, RMW semantics, consistency, durability,
 * objective). Everything downstream, from the harness to the synthesis planner, reads only these records: a field
 * that is not here cannot be exploited, and a field that is here can be.
 *
 * <p>Records are validated on construction for their own invariants; cross-card rules (rmw in the mix but not
 * required, a durable card without a storage directory, a budget below the smallest possible index) are checked by
 * {@link io.jitskit.spec.SpecValidator}, which reports every problem as a {@link io.jitskit.spec.SpecException}
 * naming the file, line, field and fix.
 *
 * <p>Cards live in YAML files whose grammar, units and defaults are documented in
 * {@link io.jitskit.spec.SpecGrammar}. {@link io.jitskit.spec.SpecParser} reads a file into a validated spec (it
 * stops at the first problem; there are no warnings, and an unknown field is an error);
 * {@link io.jitskit.spec.SpecWriter} prints a spec back in normalized form, which parses to an equal spec;
 * {@link io.jitskit.spec.YcsbWorkloadImport} turns a YCSB workload property file into a workload card. The
 * package-private rest ({@code YamlField}, {@code SourceMap}, {@code Units}) keeps every value tied to the line that
 * wrote it, so that a cross-card error found after parsing still points at its line.
 */
package io.jitskit.spec;
