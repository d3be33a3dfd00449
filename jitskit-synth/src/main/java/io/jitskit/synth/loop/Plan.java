package io.jitskit.synth.loop;

/**
 * What the planner proposes for one iteration.
 *
 * @param blueprint the design to build
 * @param rationale why, in a sentence a person can check against the brief
 * @param change    the one-knob change from the design it started from, or "initial"
 * @param parentKey the key of the design it started from, or null for a first design
 */
public record Plan(Blueprint blueprint, String rationale, String change, String parentKey) { }
