package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcCpuTest {

    /** CPU time the spinner burns: measured on its own clock, so a busy machine only makes the test slower. */
    private static final long CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Tick-based times are truncated to whole ticks at 100 Hz: two ticks of slack. */
    private static final long TICK_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @Test
    void aSpinningThreadIsFoundByNameWithItsCpuTime() throws InterruptedException {
        assumeTrue(Linux.isLinux(), "reads /proc");
        final CountDownLatch spun = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread spinner = Thread.ofPlatform().name("jitskit-spinner").start(() -> {
            final long start = ThreadCpu.current();
            while (ThreadCpu.current() - start < CPU_NANOS) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(spun.await(30, TimeUnit.SECONDS), "spinner never got 100 ms of CPU");
            final ThreadCpuTime fromProc = ProcCpu.threads(Proc.selfPid()).stream()
                .filter(thread -> thread.name().equals("jitskit-spinner")).findFirst()
                .orElseThrow(() -> new AssertionError("no thread jitskit-spinner in /proc/self/task"));
            final long inProcess = ThreadCpu.of(spinner);
            assertTrue(fromProc.cpuNanos() >= CPU_NANOS, fromProc.toString());
            assertTrue(inProcess >= CPU_NANOS, "ThreadCpu.of: " + inProcess);
            assertTrue(fromProc.userNanos() + fromProc.systemNanos() >= CPU_NANOS - TICK_SLACK_NANOS,
                fromProc.toString());
            assertTrue(ProcCpu.processCpuNanos(Proc.selfPid()) >= CPU_NANOS - TICK_SLACK_NANOS);
            final ThreadCpuTime none = fromProc.minus(fromProc);
            assertEquals(0, none.cpuNanos());
        } finally {
            release.countDown();
            spinner.join();
        }
        assertEquals(-1, ThreadCpu.of(spinner), "an ended thread has no CPU time");
    }
}
