package io.jitskit.synth.loop;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the knobs of a design record generically: every component except those named in {@code skip} is a knob.
 * Designs are records, so equal knobs mean equal designs and the key, the one-knob difference and the numeric value
 * of a knob all follow from the components, with no per-design code to keep in step.
 */
final class RecordKnobs {

    private RecordKnobs() {
    }

    /** Knob name to value, in declaration order. */
    static Map<String, Object> of(final Record design, final Set<String> skip) {
        final Map<String, Object> knobs = new LinkedHashMap<>();
        for (final RecordComponent c : design.getClass().getRecordComponents()) {
            if (skip.contains(c.getName())) {
                continue;
            }
            try {
                knobs.put(c.getName(), c.getAccessor().invoke(design));
            } catch (final ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + design.getClass(), e);
            }
        }
        return knobs;
    }

    /** {@code name=value;...}: a canonical key. */
    static String key(final String engine, final Map<String, Object> knobs) {
        final StringBuilder sb = new StringBuilder(engine);
        knobs.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * {@code knob: old -> new} for each knob that differs, joined by {@code ", "} (a move such as "no read cache" turns
     * the eviction and the admission knobs together); "" when none does.
     */
    static String change(final Map<String, Object> from, final Map<String, Object> to) {
        final StringBuilder change = new StringBuilder();
        for (final Map.Entry<String, Object> e : to.entrySet()) {
            final Object old = from.get(e.getKey());
            if (!e.getValue().equals(old)) {
                change.append(change.isEmpty() ? "" : ", ").append(e.getKey()).append(": ").append(old).append(" -> ")
                    .append(e.getValue());
            }
        }
        return change.toString();
    }

    /** A knob as a number: numbers as they are, booleans as 0/1, enums by ordinal; NaN when absent. */
    static double numeric(final Map<String, Object> knobs, final String name) {
        final Object v = knobs.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Enum<?> e) {
            return e.ordinal();
        }
        return Double.NaN;
    }
}
