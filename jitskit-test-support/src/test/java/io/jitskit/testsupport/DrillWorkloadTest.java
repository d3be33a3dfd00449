package io.jitskit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillWorkloadTest {

    private final DrillWorkload workload = new DrillWorkload(11, 2, 100, 4, 32);

    @Test
    void operationsAreAFunctionOfSeedSessionAndSerial() {
        final DrillWorkload same = new DrillWorkload(11, 2, 100, 4, 32);
        final DrillWorkload other = new DrillWorkload(12, 2, 100, 4, 32);
        int differences = 0;
        for (long serial = 1; serial <= 1000; serial++) {
            assertEquals(workload.kind(0, serial), same.kind(0, serial));
            assertEquals(workload.keyId(1, serial), same.keyId(1, serial));
            if (workload.kind(0, serial) != other.kind(0, serial)) {
                differences++;
            }
        }
        assertTrue(differences > 100, "another seed gives another workload");
    }

    @Test
    void everyKindOccursAndSessionsTouchDisjointKeys() {
        final Map<DrillWorkload.Kind, Integer> kinds = new EnumMap<>(DrillWorkload.Kind.class);
        final Set<Long> first = new HashSet<>();
        final Set<Long> second = new HashSet<>();
        for (long serial = 1; serial <= 10_000; serial++) {
            kinds.merge(workload.kind(0, serial), 1, Integer::sum);
            first.add(workload.keyId(0, serial));
            second.add(workload.keyId(1, serial));
        }
        assertEquals(DrillWorkload.Kind.values().length, kinds.size(), kinds.toString());
        first.retainAll(second);
        assertTrue(first.isEmpty(), "shared keys: " + first);
    }

    @Test
    void expectedStateFollowsTheOperationsSemantics() {
        // Replay one session by hand and compare with the workload's own model.
        final Map<Long, Long> model = new HashMap<>();
        for (long serial = 1; serial <= 5000; serial++) {
            final long key = workload.keyId(0, serial);
            switch (workload.kind(0, serial)) {
                case READ -> { }
                case UPSERT -> model.put(key, serial);
                case INSERT -> {
                    if (!model.containsKey(key)) {
                        model.put(key, serial);
                    }
                }
                case DELETE -> model.remove(key);
                case RMW -> model.put(key, model.getOrDefault(key, 0L) + workload.delta(0, serial));
            }
        }
        assertEquals(model, workload.expectedState(Map.of(0, 5000L)));
        assertNotEquals(model, workload.expectedState(Map.of(0, 4000L)), "a shorter prefix is another state");
    }
}
