package io.jitskit.synth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An engine's knobs as a JSON object, {@code {"slotBytes": 120, "indexing": "POWER_OF_TWO", ...}}: numbers as
 * numbers, booleans as booleans, enums by constant name. Reading is strict, because a design that is read back must
 * be the design that was written: an unknown or missing knob, or a value of the wrong type, is a
 * {@link DesignException} with one line naming the knob (and the known ones, or its domain). Whether the values fit
 * together (a slab TLAB within its page, a checkpoint mode that matches the card's durability) is the design
 * record's constructor's to say.
 */
public final class DesignJson {

    private DesignJson() {
    }

    /** The knobs of {@code design}, in the enum's order. */
    public static <D extends Record, K extends Enum<K> & Knob<D>> ObjectNode write(final D design,
                                                                                  final Class<K> knobs) {
        final ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (final K k : knobs.getEnumConstants()) {
            switch (k.valueIn(design)) {
                case Integer i -> out.put(k.id(), i);
                case Long l -> out.put(k.id(), l);
                case Double d -> out.put(k.id(), d);
                case Boolean b -> out.put(k.id(), b);
                case Enum<?> e -> out.put(k.id(), e.name());
                default -> throw new IllegalStateException(k.id() + " has no JSON form: " + k.type());
            }
        }
        return out;
    }

    /**
     * Every knob of {@code knobs} from {@code node}, each of its knob's {@link Knob#type()}.
     *
     * @throws DesignException naming the first unknown, missing or mistyped knob
     */
    public static <K extends Enum<K> & Knob<?>> Map<K, Object> read(final JsonNode node, final Class<K> knobs) {
        if (node == null || !node.isObject()) {
            throw new DesignException("design JSON: knobs must be an object of knob to value, was "
                + (node == null ? "missing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        final Map<K, Object> values = new EnumMap<>(knobs);
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            final K k = knob(knobs, e.getKey());
            values.put(k, value(k, e.getValue()));
        }
        for (final K k : knobs.getEnumConstants()) {
            if (!values.containsKey(k)) {
                throw new DesignException("design JSON: knob '" + k.id() + "' is missing (" + k.domain() + ")");
            }
        }
        return values;
    }

    /**
     * The knob called {@code id}.
     *
     * @throws DesignException naming {@code id} and every known knob
     */
    public static <K extends Enum<K> & Knob<?>> K knob(final Class<K> knobs, final String id) {
        for (final K k : knobs.getEnumConstants()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new DesignException("design JSON: unknown knob '" + id + "'; known: " + Arrays.stream(
            knobs.getEnumConstants()).map(Knob::id).collect(Collectors.joining(", ")));
    }

    private static Object value(final Knob<?> k, final JsonNode v) {
        final Class<?> type = k.type();
        if (type == Integer.class && v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (type == Long.class && v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (type == Double.class && v.isNumber()) {
            return v.doubleValue();
        }
        if (type == Boolean.class && v.isBoolean()) {
            return v.booleanValue();
        }
        if (type.isEnum() && v.isTextual()) {
            for (final Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(v.textValue())) {
                    return c;
                }
            }
        }
        final String expected;
        if (type == Integer.class) {
            expected = "a 32-bit integer";
        } else if (type == Long.class) {
            expected = "a 64-bit integer";
        } else if (type == Double.class) {
            expected = "a number";
        } else if (type == Boolean.class) {
            expected = "true or false";
        } else {
            expected = "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
        }
        throw new DesignException("design JSON: knob '" + k.id() + "' must be " + expected + " (" + k.domain()
            + "), was " + v);
    }
}
