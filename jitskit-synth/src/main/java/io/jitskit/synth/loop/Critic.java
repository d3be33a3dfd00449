package io.jitskit.synth.loop;

/** Reads an evaluation against the history and names a cause and a direction. */
public interface Critic {

    Critique review(Evaluation evaluation, LoopState state);
}
