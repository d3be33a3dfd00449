package io.jitskit.synth.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordKnobsTest {

    private record Knobs(String facts, String eviction, String admission, int ways) { }

    @Test
    void aChangeNamesEveryKnobThatMovedAndNothingWhenNoneDid() {
        final Map<String, Object> clock = RecordKnobs.of(new Knobs("f", "CLOCK", "TINY_LFU", 8), Set.of("facts"));
        final Map<String, Object> none = RecordKnobs.of(new Knobs("g", "NONE", "NONE", 8), Set.of("facts"));
        final Map<String, Object> fourWay = RecordKnobs.of(new Knobs("f", "CLOCK", "TINY_LFU", 4), Set.of("facts"));
        assertEquals("eviction: CLOCK -> NONE, admission: TINY_LFU -> NONE", RecordKnobs.change(clock, none));
        assertEquals("ways: 8 -> 4", RecordKnobs.change(clock, fourWay));
        assertEquals("", RecordKnobs.change(clock, clock), "skipped components are not knobs");
    }
}
