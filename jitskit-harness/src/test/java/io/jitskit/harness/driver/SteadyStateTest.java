package io.jitskit.harness.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    private static SteadyState fourWindowsOfAQuarterSecond() {
        return new SteadyState(Duration.ofMillis(250), 4, 0.03, Duration.ofSeconds(1));
    }

    @Test
    void aRisingThroughputIsNotSteadyUntilItLevelsOff() {
        final SteadyState s = fourWindowsOfAQuarterSecond();
        for (final long ops : new long[] {100, 200, 400, 700, 900, 980}) {
            assertFalse(s.add(ops), "still rising at " + ops);
        }
        assertFalse(s.add(1000));
        assertFalse(s.add(1005), "three level windows are not four");
        assertTrue(s.add(995), "four windows within 3%: 980, 1000, 1005, 995");
    }

    @Test
    void nothingIsSteadyBeforeTheMinimumTime() {
        final SteadyState s = new SteadyState(Duration.ofMillis(250), 2, 0.03, Duration.ofSeconds(1));
        assertFalse(s.add(1000));
        assertFalse(s.add(1000), "two equal windows, but only half a second");
        assertFalse(s.add(1000));
        assertTrue(s.add(1000));
    }

    @Test
    void aStalledWindowIsNeverSteady() {
        final SteadyState s = fourWindowsOfAQuarterSecond();
        for (int i = 0; i < 10; i++) {
            assertFalse(s.add(0));
        }
    }
}
