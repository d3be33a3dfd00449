package io.jitskit.gate.check;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Parallel;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Workbench;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Probe 7e, checkpoint under concurrent writes: writers keep upserting while checkpoints are taken back to back, and
 * every writer records the longest gap between two of its operations returning (paper section 7: "every synthesized
 * checkpoint quiesces writers and walks the index serially"). The probe fails when a checkpoint throws, when the
 * state after the run is not the writers' last writes, or when the longest pause exceeds {@link #MAX_PAUSE}; the
 * pause is reported either way.
 */
public final class CheckpointPauseProbe implements Probe {

    public static final String NAME = "probe-checkpoint-under-writes";

    /** Longest a writer may stall behind a checkpoint. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private static final int KEYS_PER_WRITER = 2_048;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        if (!sut.spec().requirements().durability().isDurable()) {
            return CheckResult.notApplicable(NAME, "durability none: the spec asks for no checkpoint");
        }
        final Trial trial = new Trial(NAME, sut);
        final Workbench bench = sut.workbench();
        final ValueCodec codec = bench.codec();
        final int writers = sut.spec().environment().threads();
        final int keys = KEYS_PER_WRITER * writers;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLongArray last = new AtomicLongArray(keys);
        final AtomicLong longestPauseNanos = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        int checkpoints = 0;
        long longestCheckpointNanos = 0;
        try (Store store = sut.open(sut.newDataDir(NAME))) {
            final Thread[] checkpointer = new Thread[1];
            final Exception[] checkpointFailure = new Exception[1];
            final int[] taken = new int[1];
            final long[] longest = new long[1];
            checkpointer[0] = Thread.ofPlatform().name("gate-checkpointer").start(() -> {
                final long end = System.nanoTime() + sut.level().checkpointProbe().toNanos();
                try {
                    while (System.nanoTime() < end) {
                        final long start = System.nanoTime();
                        final Checkpoint c = store.checkpoint();
                        longest[0] = Math.max(longest[0], System.nanoTime() - start);
                        taken[0]++;
                        if (c == null) {
                            throw new IllegalStateException("checkpoint() returned null");
                        }
                        Thread.sleep(20);
                    }
                } catch (final Exception e) {
                    checkpointFailure[0] = e;
                } finally {
                    running.set(false);
                }
            });
            try {
                Parallel.run("gate-ckpt-writer", writers, t -> {
                    final VersionClock clock = new VersionClock(t);
                    long rng = Mix.mix64(bench.seed() ^ (0xC4_EC4BL + t));
                    try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                        final Lane lane = bench.lane(arena);
                        long previous = System.nanoTime();
                        long pause = 0;
                        long n = 0;
                        while (running.get()) {
                            rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                            final int k = t + writers * (int) Long.remainderUnsigned(rng, KEYS_PER_WRITER);
                            final long v = clock.next();
                            lane.write(session, k, lane.value(codec, k, v, bench.sizeOf(k, v)));
                            last.set(k, v);
                            final long now = System.nanoTime();
                            pause = Math.max(pause, now - previous);
                            previous = now;
                            n++;
                        }
                        longestPauseNanos.accumulateAndGet(pause, Math::max);
                        writes.addAndGet(n);
                    }
                });
            } catch (final RuntimeException e) {
                running.set(false);
                return trial.storeThrew("upserts running beside checkpoints", e);
            } finally {
                checkpointer[0].join();
            }
            checkpoints = taken[0];
            longestCheckpointNanos = longest[0];
            trial.figure("checkpoints", checkpoints).figure("writes", writes.get())
                .figure("longest_writer_pause_ms", longestPauseNanos.get() / 1e6)
                .figure("longest_checkpoint_ms", longestCheckpointNanos / 1e6);
            if (checkpointFailure[0] != null) {
                return trial.storeThrew("a checkpoint taken while writers ran", checkpointFailure[0]);
            }
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(writers)) {
                final Lane lane = bench.lane(arena);
                for (int k = 0; k < keys; k++) {
                    final long v = last.get(k);
                    if (v == 0) {
                        continue;
                    }
                    final String wrong = Reads.mismatch(codec, lane, k, v, bench.sizeOf(k, v), lane.read(session, k));
                    if (wrong != null) {
                        return trial.fail("after writes beside checkpoints, " + Reads.keyName(bench, k) + ": " + wrong,
                            "seed " + bench.seed() + "; " + writers + " writers upsert keys k = thread + writers * i "
                                + "while a thread checkpoints every 20 ms; then each key's last version is read.");
                    }
                }
            }
        }
        if (longestPauseNanos.get() > MAX_PAUSE.toNanos()) {
            return trial.fail("a writer stalled " + longestPauseNanos.get() / 1_000_000 + " ms behind a checkpoint "
                + "(limit " + MAX_PAUSE.toMillis() + " ms): the checkpoint quiesces writers", "seed " + bench.seed()
                + "; " + writers + " writers upserting while checkpoints run back to back for "
                + sut.level().checkpointProbe().toMillis() + " ms; longest checkpoint "
                + longestCheckpointNanos / 1_000_000 + " ms");
        }
        return trial.pass(checkpoints + " checkpoints beside " + writes.get() + " writes; longest writer pause "
            + longestPauseNanos.get() / 1_000_000 + " ms");
    }
}
