package io.jitskit.synth.loop;

/** Proposes the next design from the cards, the brief, the whiteboard and what was tried. */
public interface Planner {

    /** The next plan, or null when the search has nothing left worth trying. */
    Plan propose(LoopState state);
}
