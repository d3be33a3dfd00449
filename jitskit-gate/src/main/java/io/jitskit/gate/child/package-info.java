/**
 * Child JVMs of the gate: {@link io.jitskit.gate.child.GateChild} runs the store, {@link
 * io.jitskit.gate.child.ChildProcess} starts, feeds, reads and kills it. The seed travels on standard input only.
 */
package io.jitskit.gate.child;
