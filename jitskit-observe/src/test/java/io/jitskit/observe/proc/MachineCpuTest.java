package io.jitskit.observe.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jitskit.observe.os.Linux;
import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void onlyUserTimeNicedOrNotCountsAndGuestTimeIsNotCountedTwice() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        final MachineCpu cpu = MachineCpu.parse("cpu  100 50 30 400 20 5 5 10 7 3");
        assertEquals(100 + 50 + 30 + 400 + 20 + 5 + 5 + 10, cpu.totalTicks());
        assertEquals(100 + 50, cpu.userTicks(), "kernel time (writeback for the store itself) is not a neighbour's");
    }

    @Test
    void othersShareIsWhatTheMachineDidBesideOurOwnTime() {
        final double tick = 1e9 / Linux.clockTicksPerSecond();
        final MachineCpu before = new MachineCpu(1_000, 10_000);
        // 200 ticks of both cores elapsed, 180 in user mode, of which 90 ours: the others took 90 of 200.
        final MachineCpu after = new MachineCpu(1_180, 10_200);
        assertEquals(0.45, after.othersShareSince(before, (long) (90 * tick)), 1e-9);
        assertEquals(0, after.othersShareSince(before, (long) (500 * tick)), 1e-9, "never below zero");
    }

    @Test
    void aLineThatIsNotTheAggregateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MachineCpu.parse("cpu0 1 2 3 4 5"));
    }
}
