/**
 * The synthesis loop of the paper's Figure 1: design, evaluate, reflect.
 *
 * <p>Each iteration the {@link io.jitskit.synth.loop.Planner} proposes a design, the
 * {@link io.jitskit.synth.loop.Coder} turns it into a compiled store, the {@link io.jitskit.synth.loop.Evaluator}
 * runs the correctness gate and, if it passes, the benchmark, and the {@link io.jitskit.synth.loop.Critic} reads
 * throughput and leading indicators together and writes directional feedback into the
 * {@link io.jitskit.synth.loop.DesignBrief}, ruling designs out on the {@link io.jitskit.synth.loop.Whiteboard}.
 * Every few iterations the {@link io.jitskit.synth.loop.Auditor} examines the candidates since its last pass and
 * adds the probes that exposed a flaw to this run's gate.
 *
 * <p>The four roles are interfaces: the offline implementations in this package reason from the cards and the
 * indicators with rules; LLM-backed ones plug into the same seams. All state a person may want to read lives as
 * files in the run directory (brief, whiteboard, trajectory, every attempt's source and reports), and the loop
 * resumes from them after an interruption.
 */
package io.jitskit.synth.loop;
