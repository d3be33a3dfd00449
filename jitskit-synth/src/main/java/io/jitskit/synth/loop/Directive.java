package io.jitskit.synth.loop;

import io.jitskit.synth.engine.Knob;
import io.jitskit.synth.engine.MemoryKnob;
import io.jitskit.synth.engine.log.LogKnob;
import java.util.Map;

/**
 * A direction the critic points the planner in. Each names the knobs that move a design that way, with the sign of
 * the move, from every engine's knob enum; a design ignores the other engines' knobs, so one vocabulary serves every
 * engine.
 */
public enum Directive {
    /** Probe chains are long: fewer keys per slot. */
    SPREAD_INDEX(Map.of(MemoryKnob.MAX_LOAD_FACTOR, -1, LogKnob.INDEX_LOAD_FACTOR, -1, MemoryKnob.KEY_MARGIN, +1,
        LogKnob.KEY_MARGIN, +1)),
    /** Close to the memory budget: denser index, smaller slots. */
    REDUCE_MEMORY(Map.of(MemoryKnob.MAX_LOAD_FACTOR, +1, LogKnob.INDEX_LOAD_FACTOR, +1, MemoryKnob.SLOT_BYTES, -1,
        LogKnob.CACHE_SHARE, -1)),
    /** Values fetched from slabs on most reads: keep more of them in the slot. */
    INLINE_MORE(Map.of(MemoryKnob.SLOT_BYTES, +1)),
    /** Writers or claimers collide: more independent shards and stripes. */
    MORE_SHARDS(Map.of(MemoryKnob.SHARDS, +1, MemoryKnob.CLAIM_STRIPES, +1)),
    /** Checkpoints stall writers: capture the table faster. */
    SHORTER_PAUSE(Map.of(MemoryKnob.CHECKPOINT_MODE, +1)),
    /** Writers wait for compaction or the checkpoints it forces: let segments hold more garbage before moving them. */
    LOOSER_COMPACTION(Map.of(LogKnob.COMPACT_LIVE_FRACTION, -1)),
    /** The working set misses memory: a larger cache or mutable tail. */
    BIGGER_CACHE(Map.of(LogKnob.CACHE_SHARE, +1, LogKnob.CACHE_WAYS, +1)),
    /** Nothing specific: try the next untried knob. */
    EXPLORE(Map.of());

    private final Map<Knob<?>, Integer> moves;

    Directive(final Map<Knob<?>, Integer> moves) {
        this.moves = moves;
    }

    /** +1 when the change from {@code from} to {@code to} moves a knob this way, -1 when against it, else 0. */
    int score(final Blueprint from, final Blueprint to) {
        int score = 0;
        for (final Map.Entry<Knob<?>, Integer> m : moves.entrySet()) {
            final double a = from.knob(m.getKey());
            final double b = to.knob(m.getKey());
            if (Double.isNaN(a) || Double.isNaN(b) || a == b) {
                continue;
            }
            score += Double.compare(b, a) == Integer.signum(m.getValue()) ? 1 : -1;
        }
        return score;
    }
}
