package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.synth.engine.log.LogDesign;
import io.jitskit.synth.engine.log.LogKnob;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each engine's knob enum against its design record, and the strictness of the knobs' JSON. */
class KnobTest {

    @Test
    void everyDesignComponentButTheFactsIsAKnobInTheRecordsOrderWithItsType() {
        assertKnobsMirror(Design.class, MemoryKnob.values());
        assertKnobsMirror(LogDesign.class, LogKnob.values());
    }

    private static void assertKnobsMirror(final Class<? extends Record> design, final Knob<?>[] knobs) {
        final List<String> components = new ArrayList<>();
        final List<Class<?>> types = new ArrayList<>();
        for (final RecordComponent c : design.getRecordComponents()) {
            if (!c.getName().equals("facts")) {
                components.add(c.getName());
                types.add(c.getType().isPrimitive() ? box(c.getType()) : c.getType());
            }
        }
        assertEquals(components, Arrays.stream(knobs).map(Knob::id).toList(), design.getSimpleName()
            + ": a knob per component, in order (keys list knobs in this order)");
        assertEquals(types, Arrays.stream(knobs).<Class<?>>map(Knob::type).toList(), design.getSimpleName());
    }

    private static Class<?> box(final Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "boolean" -> Boolean.class;
            default -> throw new AssertionError("no knob type for " + primitive);
        };
    }

    @Test
    void aKnobIsNamedAsItsComponentAndAnUnknownOneListsTheKnownOnes() {
        assertEquals(MemoryKnob.SLOT_BYTES, DesignJson.knob(MemoryKnob.class, "slotBytes"));
        final DesignException e = assertThrows(DesignException.class,
            () -> DesignJson.knob(LogKnob.class, "slotBytes"));
        assertEquals("design JSON: unknown knob 'slotBytes'; known: indexLoadFactor, keyMargin, eviction, admission,"
            + " cacheShare, cacheWays, cacheValueBytes, pageBytes, segmentBytes, compactLiveFraction,"
            + " inlineSmallValues, maxSessions", e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKnobItsDomainAndTheValue() throws Exception {
        final ObjectMapper json = new ObjectMapper();
        final DesignException string = assertThrows(DesignException.class, () -> DesignJson.read(
            json.readTree("{\"shards\": \"four\"}"), MemoryKnob.class));
        assertEquals("design JSON: knob 'shards' must be a 32-bit integer (a power of two in [1, 1024]), was"
            + " \"four\"", string.getMessage());
        final DesignException fraction = assertThrows(DesignException.class, () -> DesignJson.read(
            json.readTree("{\"segmentBytes\": 1.5}"), LogKnob.class));
        assertTrue(fraction.getMessage().startsWith("design JSON: knob 'segmentBytes' must be a 64-bit integer"),
            fraction.getMessage());
        final DesignException constant = assertThrows(DesignException.class, () -> DesignJson.read(
            json.readTree("{\"eviction\": \"LRU\"}"), LogKnob.class));
        assertEquals("design JSON: knob 'eviction' must be one of NONE, FIFO, CLOCK (NONE, FIFO or CLOCK), was"
            + " \"LRU\"", constant.getMessage());
        final DesignException bool = assertThrows(DesignException.class, () -> DesignJson.read(
            json.readTree("{\"hugePages\": 1}"), MemoryKnob.class));
        assertTrue(bool.getMessage().startsWith("design JSON: knob 'hugePages' must be true or false"),
            bool.getMessage());
    }

    @Test
    void aMissingKnobIsNamed() throws Exception {
        final Design d = Design.initial(Cards.ycsbMem(10_000, io.jitskit.spec.Durability.none()));
        final var knobs = DesignJson.write(d, MemoryKnob.class);
        knobs.remove("logRingBytes");
        final DesignException e = assertThrows(DesignException.class,
            () -> DesignJson.read(knobs, MemoryKnob.class));
        assertEquals("design JSON: knob 'logRingBytes' is missing (a power of two in [4 KiB, 1 GiB])",
            e.getMessage());
    }
}
