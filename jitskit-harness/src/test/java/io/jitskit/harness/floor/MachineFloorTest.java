package io.jitskit.harness.floor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineFloorTest {

    @Test
    void everyRunReportsARateForAllThreadsTogether() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final List<Integer> done = new ArrayList<>();
            final double[] rates = new MachineFloor(2, 8 << 20, arena).measure(3, Duration.ofMillis(100), (run, rate) -> done.add(run));
            assertEquals(3, rates.length);
            assertEquals(List.of(0, 1, 2), done);
            for (final double r : rates) {
                // A dependent load takes 1 to 300 ns on any machine this runs on: 2 threads give 6 to 2,000 M/s.
                assertTrue(r > 1 && r < 5_000, "rate " + r + " M loads/s");
            }
        }
    }

    @Test
    void aRunLastsAsLongAsAsked() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            final MachineFloor floor = new MachineFloor(1, 1 << 20, arena);
            final long t0 = System.nanoTime();
            floor.measure(2, Duration.ofMillis(200), null);
            final long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 400 && ms < 5_000, ms + " ms for two 200-ms runs");
        }
    }

    @Test
    void nonsenseSizesAreRefusedInOneLine() {
        try (Arena arena = Arena.ofShared()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new MachineFloor(0, 1 << 20, arena))
                .getMessage().contains("threads 0"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new MachineFloor(1, 4096, arena))
                .getMessage().contains("1 MiB"));
        }
    }
}
