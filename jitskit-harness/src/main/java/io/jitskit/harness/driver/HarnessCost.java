package io.jitskit.harness.driver;

import io.jitskit.harness.freshness.FreshnessLedger;
import io.jitskit.workload.KeySpace;
import io.jitskit.workload.ValueCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the harness spends per operation besides generating it, measured on one thread after a run: writing a key,
 * writing a fresh value (what an upsert costs the harness) and verifying a value (what a read that finds one costs).
 * Together with the generation time the workers measured, these bound the throughput a store could show here; the
 * {@code noop} store shows the ceiling without verification, since it finds nothing.
 *
 * @param keyNanos    {@link KeySpace#writeKey} of one key
 * @param writeNanos  {@link ValueCodec#write} of one value of the card's largest size
 * @param verifyNanos {@link ValueCodec#verify} of one such value
 * @param freshReadNanos  the freshness check of one read of a sampled key (snapshot and judgement, uncontended)
 * @param freshWriteNanos the freshness bookkeeping of one write of a sampled key (announce and publish)
 */
public record HarnessCost(double keyNanos, double writeNanos, double verifyNanos, double freshReadNanos,
                          double freshWriteNanos) {

    private static final int ROUNDS = 200_000;
    /** Reading each key back keeps the JIT from sinking all but the last of the loop's stores. */
    private static final java.lang.foreign.ValueLayout.OfLong FIRST_WORD = java.lang.foreign.ValueLayout.JAVA_LONG;

    /**
     * The harness's time per operation of {@code run}: its generation (measured by the workers), one key, a fresh
     * value for each write, a verification for each read that found a value, and the freshness checks of the reads
     * and writes of sampled keys.
     */
    public double nanosPerOperation(final PhaseResult run, final long checkedReads, final long trackedWrites) {
        if (run.operations() == 0) {
            return 0;
        }
        long writes = 0;
        for (final String op : new String[] {"upsert", "insert", "rmw"}) {
            writes += run.operationsByType().getOrDefault(op, 0L);
        }
        return (run.generationNanos() + run.operations() * keyNanos + writes * writeNanos
            + run.verifiedReads() * verifyNanos + checkedReads * freshReadNanos + trackedWrites * freshWriteNanos)
            / run.operations();
    }

    /** The freshness checks' part of {@link #nanosPerOperation}. */
    public double freshnessNanosPerOperation(final PhaseResult run, final long checkedReads,
                                             final long trackedWrites) {
        return run.operations() == 0 ? 0
            : (checkedReads * freshReadNanos + trackedWrites * freshWriteNanos) / run.operations();
    }

    /**
     * Measures the plan's key space and codec at values of {@code valueBytes} (capped at 1 KiB, so a card with
     * megabyte values is not measured for minutes): a warm-up pass, then a timed one.
     */
    public static HarnessCost measure(final WorkloadPlan plan, final int valueBytes) {
        final KeySpace keys = plan.keySpace();
        final ValueCodec codec = plan.codec();
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment key = arena.allocate(keys.maxKeyBytes() + Long.BYTES, 8);
            final MemorySegment value = arena.allocate(Math.clamp(valueBytes, 8, 1024), 8);
            long sink = 0;
            double keyNs = 0;
            double writeNs = 0;
            double verifyNs = 0;
            double freshReadNs = 0;
            double freshWriteNs = 0;
            // Small: measured in the store's process after its run, where the budget still charges every byte.
            final FreshnessLedger ledger = new FreshnessLedger(2, 1 << 13, codec, System.nanoTime(), 1, 1 << 10);
            final FreshnessLedger.Reader reader = ledger.reader();
            for (int pass = 0; pass < 2; pass++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < ROUNDS; i++) {
                    sink += keys.writeKey(i * 0x9E37_79B9L & 0xFF_FFFFL, key) + key.get(FIRST_WORD, 0);
                }
                long t1 = System.nanoTime();
                keyNs = (t1 - t0) / (double) ROUNDS;
                t0 = System.nanoTime();
                for (int i = 0; i < ROUNDS; i++) {
                    codec.write(i & 1023, i, value);
                }
                t1 = System.nanoTime();
                writeNs = (t1 - t0) / (double) ROUNDS;
                t0 = System.nanoTime();
                for (int i = 0; i < ROUNDS; i++) {
                    sink += codec.verify(ROUNDS - 1 & 1023, value);
                }
                t1 = System.nanoTime();
                verifyNs = (t1 - t0) / (double) ROUNDS;
                // Ids that are all sampled: a stride of 8 from the ledger's own offset.
                long id = ledger.stride();
                while (!ledger.tracks(id)) {
                    id++;
                }
                t0 = System.nanoTime();
                for (int i = 0; i < ROUNDS; i++) {
                    final long k = id + (i & 1023) * ledger.stride();
                    ledger.completed(k, 0, i + 1L << 8, false, ledger.beginWrite(k, 0, i + 1L << 8, false));
                }
                t1 = System.nanoTime();
                freshWriteNs = (t1 - t0) / (double) ROUNDS;
                t0 = System.nanoTime();
                for (int i = 0; i < ROUNDS; i++) {
                    final int m = i & 1023;
                    final long k = id + m * ledger.stride();
                    reader.before(k);
                    // The version the write loop published last for k (its last i with i % 1024 == m): the
                    // judgement's whole path, and fresh.
                    final long lastWrite = (ROUNDS - 1 - m) / 1024 * 1024 + m;
                    final String stale = reader.afterValue(k, lastWrite + 1 << 8, value);
                    if (stale != null) {
                        throw new IllegalStateException("the cost loop judged its own fresh read stale: " + stale);
                    }
                }
                t1 = System.nanoTime();
                freshReadNs = (t1 - t0) / (double) ROUNDS;
            }
            // sink keeps the JIT from dropping the loops; comparing it costs nothing.
            return sink == Long.MIN_VALUE ? null : new HarnessCost(keyNs, writeNs, verifyNs, freshReadNs,
                freshWriteNs);
        }
    }
}
