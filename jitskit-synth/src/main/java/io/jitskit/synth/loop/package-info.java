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
 *
 * <p>Evaluations run where an {@link io.jitskit.synth.loop.Executor} puts them: in the loop's JVM one at a time (the
 * default), or {@code N} at once in child JVMs pinned to cores of their own, or as exclusive Slurm jobs. Away from the
 * loop's JVM, an evaluation is an {@link io.jitskit.synth.loop.EvaluationTask}: its input and output are files in the
 * candidate's directory, the node's calibration figure beside the result. The loop proposes as many designs per round
 * as the executor runs at once and folds the results in proposal order, so its decisions depend on the results and
 * never on the order they arrived in; rematches and the gate at the horizon stay in the loop's JVM, one at a time,
 * after the round's other evaluations are done.
 *
 * <p>What the loop resumes from is {@code state.json} (schema {@code jitskit.synth-state/2}, see
 * {@code LoopPersistence}): the card's name; every design built, each with its iteration, its
 * key, the design itself as {@link io.jitskit.synth.loop.BlueprintJson} (schema {@code jitskit.design/1}: an
 * engine's knobs by name, or a model's design in words), its parent's key, the change, whether it passed the gate
 * and its store's source hash; the best's key, figure and iteration; the whiteboard; and the brief's decisions.
 * Designs are rebuilt from their JSON against the card, never by replaying the planner's moves, so a model's
 * designs and scripted ones resume like the engine's; a design whose JSON no longer rebuilds to its recorded key
 * (the card or the engine changed) stops the resume with a line naming the iteration. {@code best/design.json} holds
 * the best design the same way: with its card it is the whole store, on this machine or another.
 *
 * <p>Knobs are typed: each engine lists its own in an enum ({@link io.jitskit.synth.engine.MemoryKnob},
 * {@link io.jitskit.synth.engine.log.LogKnob}) and a {@link io.jitskit.synth.loop.Directive} points along them;
 * their names appear only in JSON, keys and change lines, and are parsed in one place
 * ({@link io.jitskit.synth.engine.DesignJson}).
 */
package io.jitskit.synth.loop;
