package io.jitskit.observe.jfr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Causes each indicator's event with a wide margin (50 ms of blocking against a 100 µs threshold, a full GC) and
 * checks the counters move; stop() drains every event, so nothing depends on JFR's flush timing.
 */
@Timeout(60)
class JfrIndicatorsTest {

    private static final long HOLD_MILLIS = 50;
    private static final long MIB = 1 << 20;

    @Test
    void gcAllocationContentionWaitsAndParksAreCounted() throws InterruptedException {
        final JfrIndicators jfr = JfrIndicators.start();
        allocate(64 * MIB);
        System.gc();
        contendFor(HOLD_MILLIS, "jitskit-holder");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS));
        final Object monitor = new Object();
        synchronized (monitor) {
            monitor.wait(HOLD_MILLIS);
        }
        final Indicators indicators = jfr.stop();

        assertTrue(indicators.gcCount() >= 1, indicators.toString());
        assertTrue(indicators.gcPauseCount() >= 1 && indicators.gcPauseTotalNanos() > 0, indicators.toString());
        assertTrue(indicators.gcPauseMaxNanos() <= indicators.gcPauseTotalNanos(), indicators.toString());
        assertTrue(indicators.allocatedBytes() >= 64 * MIB, indicators.toString());
        assertTrue(indicators.allocationBytesPerSecond() > 0, indicators.toString());
        assertTrue(indicators.monitorEnterCount() >= 1, indicators.toString());
        // The holder sleeps 50 ms with the monitor; the blocked entry lasts most of that.
        assertTrue(indicators.monitorEnterMaxNanos() >= TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS / 2),
            indicators.toString());
        assertTrue(indicators.parkCount() >= 1 && indicators.parkMaxNanos() >= TimeUnit.MILLISECONDS.toNanos(
            HOLD_MILLIS / 2), indicators.toString());
        assertTrue(indicators.monitorWaitCount() >= 1, indicators.toString());
        assertEquals(indicators, jfr.snapshot(), "a stopped recorder's snapshot is final");
        assertEquals(indicators.gcCount(), indicators.toMap().get("gc.count"));
    }

    @Test
    void theThreadFilterKeepsOtherThreadsOut() throws InterruptedException {
        final JfrIndicators jfr = JfrIndicators.start(Duration.ofNanos(100_000), name -> name.startsWith("worker-"));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS));
        final Thread worker = Thread.ofPlatform().name("worker-0")
            .start(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS)));
        worker.join();
        final Indicators indicators = jfr.stop();
        assertEquals(1, indicators.parkCount(), "only worker-0's park: " + indicators);
    }

    private static void allocate(final long bytes) {
        long checksum = 0;
        for (long done = 0; done < bytes; done += 4096) {
            final byte[] garbage = new byte[4096];
            garbage[(int) (done & 4095)] = 1;
            checksum += garbage.length;
        }
        assertEquals(bytes, checksum);
    }

    /** The calling thread blocks on a monitor that another thread holds for about the given time. */
    private static void contendFor(final long millis, final String holderName) throws InterruptedException {
        final Object monitor = new Object();
        final CountDownLatch held = new CountDownLatch(1);
        final Thread holder = Thread.ofPlatform().name(holderName).start(() -> {
            synchronized (monitor) {
                held.countDown();
                try {
                    Thread.sleep(millis);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        held.await();
        synchronized (monitor) {
            // Entered once the holder let go.
            assertTrue(Thread.holdsLock(monitor));
        }
        holder.join();
    }
}
