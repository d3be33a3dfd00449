package io.jitskit.harness.floor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;

/**
 * The machine's own noise floor: how much a fixed, memory-bound kernel's throughput moves from run to run, with no
 * store, no harness and no JIT-dependent code in it.
 *
 * <p>Each thread chases a chain of dependent loads through an off-heap table (the next index is a hash of the last
 * word read, so every load waits for the one before it, as a hash store's probe does). The kernel never changes, so
 * any spread between its runs is the machine's: other tenants of the host, memory bandwidth, the scheduler. An A/A
 * spread of a store at this level is the floor, not the harness (EVALUATOR.md, cause 6).
 */
public final class MachineFloor {

    /** How many loads a thread runs between looks at the clock: about 10 us of work on any machine. */
    private static final int LOADS_PER_CHECK = 4_096;

    private final int threads;
    private final MemorySegment table;
    private final long indexMask;
    /** Where every chain's last word ends up, so that the JIT cannot drop loads whose result nobody reads. */
    private volatile long sink;

    /**
     * @param threads    threads chasing loads at once (the card's worker count matches a store's benchmark)
     * @param tableBytes the table's size, rounded down to a power of two of 8-byte words; at least 1 MiB
     * @param arena      where the table lives; it must be shared, since every thread reads it
     */
    public MachineFloor(final int threads, final long tableBytes, final Arena arena) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + ": give at least 1");
        }
        if (tableBytes < (1 << 20)) {
            throw new IllegalArgumentException("table of " + tableBytes + " bytes: give at least 1 MiB");
        }
        this.threads = threads;
        final long words = Long.highestOneBit(tableBytes / Long.BYTES);
        this.indexMask = words - 1;
        this.table = arena.allocate(words * Long.BYTES, 4096);
        // Every page is written before the first run, so no run pays for faulting the table in.
        for (long i = 0; i < words; i++) {
            table.setAtIndex(ValueLayout.JAVA_LONG, i, i * 0x9E3779B97F4A7C15L);
        }
    }

    /**
     * Runs the kernel {@code runs} times for {@code each}, all threads at once.
     *
     * @param progress told each run's rate as it is measured, may be null
     * @return each run's rate in million loads per second, all threads together
     */
    public double[] measure(final int runs, final Duration each, final Progress progress)
        throws InterruptedException {
        final double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = once(each.toNanos());
            if (progress != null) {
                progress.measured(r, rates[r]);
            }
        }
        return rates;
    }

    /** Told of each run as it ends. */
    @FunctionalInterface
    public interface Progress {
        void measured(int run, double millionLoadsPerSecond);
    }

    private double once(final long nanos) throws InterruptedException {
        final long[] loads = new long[threads];
        final long[] sinks = new long[threads];
        final CyclicBarrier start = new CyclicBarrier(threads);
        final Thread[] workers = new Thread[threads];
        final long[] elapsed = new long[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            workers[t] = Thread.ofPlatform().name("jitskit-floor-" + t).unstarted(() -> {
                try {
                    start.await();
                } catch (final Exception e) {
                    throw new IllegalStateException("a floor thread could not start", e);
                }
                final long t0 = System.nanoTime();
                final long deadline = t0 + nanos;
                long x = 0x2545F4914F6CDD1DL * (id + 1);
                long done = 0;
                long now;
                do {
                    x = chase(x, LOADS_PER_CHECK);
                    done += LOADS_PER_CHECK;
                    now = System.nanoTime();
                } while (now < deadline);
                loads[id] = done;
                elapsed[id] = now - t0;
                sinks[id] = x;
            });
            workers[t].start();
        }
        for (final Thread w : workers) {
            w.join();
        }
        double rate = 0;
        for (int t = 0; t < threads; t++) {
            rate += loads[t] * 1e3 / elapsed[t];
        }
        for (final long x : sinks) {
            sink ^= x;
        }
        return rate;
    }

    /** {@code n} dependent loads: the address of each is a hash of the word the last one read. */
    private long chase(final long start, final int n) {
        long x = start;
        for (int i = 0; i < n; i++) {
            final long index = (x * 0x5851F42D4C957F2DL + 0x14057B7EF767814FL) >>> 17 & indexMask;
            x += table.getAtIndex(ValueLayout.JAVA_LONG, index);
        }
        return x;
    }
}
