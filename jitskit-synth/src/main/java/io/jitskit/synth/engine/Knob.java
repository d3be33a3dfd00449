package io.jitskit.synth.engine;

/**
 * One knob of an engine's design record, typed: the planner turns knobs, the design JSON names them, and a
 * {@link io.jitskit.synth.loop.Directive} points along them. Each engine lists its knobs in one enum ({@link
 * MemoryKnob}, {@link io.jitskit.synth.engine.log.LogKnob}) in the order of the record's components, so the key, the
 * one-knob difference and the serialized form all follow from that list; only the id leaves Java (design JSON,
 * design keys, change lines such as {@code slotBytes: 120 -> 32}), and it is parsed back once, by {@link DesignJson}.
 * The card facts a design is sized for are not knobs: a design read from JSON takes them from the card it is read
 * against.
 *
 * @param <D> the engine's design record
 */
public interface Knob<D extends Record> {

    /** The knob's name outside Java: the record component it reads, e.g. {@code maxLoadFactor}. */
    String id();

    /** {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or an enum class. */
    Class<?> type();

    /** The values a design accepts, in words; the design record's constructor enforces them. */
    String domain();

    /** This knob's value in {@code design}, boxed. */
    Object valueIn(D design);

    /** The value as a number, for directional search: numbers as they are, booleans 0 or 1, enums by ordinal. */
    default double numeric(final D design) {
        final Object v = valueIn(design);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Enum<?>) v).ordinal();
    }
}
