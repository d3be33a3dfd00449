package io.jitskit.gate.check;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.MetricNames;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Parallel;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.Trial;
import io.jitskit.gate.Workbench;
import io.jitskit.spec.Durability;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Probe 7e, checkpoint under concurrent writes: the store is loaded with the gate's whole key count (the card's at
 * {@code full}, at most 20 000 keys at {@code quick}), then writers keep upserting keys spread over that whole range
 * while checkpoints are taken, and every writer records the longest gap between two of its operations returning
 * (paper section 7: "every synthesized checkpoint quiesces writers and walks the index serially", a walk whose length
 * is the key count's).
 *
 * <p>A gap is charged to the checkpoints when a checkpoint ran during it, and to the machine otherwise: the longest
 * of the latter is the stall a writer suffers with no checkpoint at all (scheduling on a shared machine, GC), and is
 * reported beside the former. The checkpoints come at the card's {@code every} when it names one, else 20 ms apart.
 * The bound is the card's {@code max-writer-pause}; a card without one is held to {@link #MAX_PAUSE}. A store over
 * the bound is measured again, up to {@link #ROUNDS} rounds, and fails only when every round is over it: a store whose
 * checkpoint holds its writers does so every time, a neighbour's burst does not. When the least stall between
 * checkpoints of the rounds is as long as the least stall during them, the machine (or the collector) cannot be told
 * from the checkpoint and the verdict is undecided.
 *
 * <p>The probe also fails when a checkpoint throws or returns null, or when a key does not read back its last write.
 */
public final class CheckpointPauseProbe implements Probe {

    public static final String NAME = "probe-checkpoint-under-writes";

    /** Longest a writer may stall behind a checkpoint when the card sets no {@code max-writer-pause}. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    /** Rounds a store over its bound is measured before it is rejected. */
    static final int ROUNDS = 3;

    /** The pause after each checkpoint when the card names no interval: checkpoints nearly back to back. */
    private static final Duration DEFAULT_GAP = Duration.ofMillis(20);

    /** Keys whose last version is tracked and read back, at most (8 MiB of heap), spread over the whole range. */
    private static final int MAX_TRACKED = 1 << 20;

    /** The card field a bound comes from, for messages. */
    public static final String FIELD = "requirements.durability.checkpoint.max-writer-pause";

    @Override
    public String name() {
        return NAME;
    }

    /** One round's figures; {@code failure} is what the store threw, if it did. */
    private record Round(int checkpoints, long writes, long stallNanos, long noiseNanos, long longestCheckpointNanos,
                         Exception failure, String during) { }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Durability durability = sut.spec().requirements().durability();
        if (!durability.isDurable()) {
            return CheckResult.notApplicable(NAME, "durability none: the spec asks for no checkpoint");
        }
        final Trial trial = new Trial(NAME, sut);
        final Workbench bench = sut.workbench();
        final ValueCodec codec = bench.codec();
        final int writers = sut.spec().environment().threads();
        final long keys = sut.spec().workload().keyCount();
        final int tracked = (int) Math.min(keys, MAX_TRACKED);
        final long stride = keys / tracked;
        final Duration bound = durability.boundsWriterPause() ? durability.maxWriterPause() : MAX_PAUSE;
        final String boundName = durability.boundsWriterPause() ? FIELD + " " + millis(bound.toNanos())
            : "the gate's limit of " + millis(bound.toNanos()) + " (the card sets no max-writer-pause)";
        final Duration every = durability.checkpointEvery();
        // Written by the writer owning index i (i mod writers), read after Parallel.run joined the writers: the join
        // orders every write before the read-back.
        final long[] last = new long[tracked];
        final VersionClock[] clocks = new VersionClock[writers];
        for (int t = 0; t < writers; t++) {
            clocks[t] = new VersionClock(t);
        }
        trial.figure("keys", keys).figure("tracked_keys", tracked).figure("bound_ms", bound.toNanos() / 1e6)
            .figure("checkpoint_every_ms", every == null ? -1 : every.toMillis());
        final String repro = "seed " + bench.seed() + "; load ids [0, " + keys + ") at version 1, then " + writers
            + " writers upsert ids i * " + stride + " (writer t owns i = t mod " + writers + ") while a thread "
            + "checkpoints " + (every == null ? "with " + DEFAULT_GAP.toMillis() + " ms between checkpoints"
            : "every " + every.toMillis() + " ms") + " for " + sut.level().checkpointProbe().toMillis()
            + " ms; each writer times the gaps between its operations";
        long stall = Long.MAX_VALUE;
        long noise = Long.MAX_VALUE;
        long worst = 0;
        int rounds = 0;
        try (Store store = sut.open(sut.newDataDir(NAME))) {
            Loading.load(store, bench, codec, 0, keys, 1, writers);
            while (rounds < ROUNDS && stall > bound.toNanos()) {
                final Round r = round(sut, store, bench, codec, writers, tracked, stride, every, clocks, last);
                rounds++;
                // The smallest round's stall is the verdict's figure: what the store does every time.
                stall = Math.min(stall, r.stallNanos());
                noise = Math.min(noise, r.noiseNanos());
                worst = Math.max(worst, r.stallNanos());
                trial.figure("round_" + rounds, String.format(Locale.ROOT, "%d checkpoints (longest %.1f ms) beside "
                        + "%d writes; longest writer stall %.1f ms during checkpoints, %.1f ms between them",
                    r.checkpoints(), r.longestCheckpointNanos() / 1e6, r.writes(), r.stallNanos() / 1e6,
                    r.noiseNanos() / 1e6));
                if (r.failure() != null) {
                    return trial.storeThrew(r.during(), r.failure());
                }
            }
            trial.figure("rounds", rounds).figure(MetricNames.CHECKPOINT_WRITER_PAUSE_MAX_MS, stall / 1e6)
                .figure("writer_stall_between_checkpoints_ms", noise / 1e6)
                .figure("worst_round_writer_pause_ms", worst / 1e6);
            try (Arena arena = Arena.ofConfined(); Session session = store.openSession(writers)) {
                final Lane lane = bench.lane(arena);
                for (int i = 0; i < tracked; i++) {
                    final long k = i * stride;
                    final long v = last[i] == 0 ? 1 : last[i];
                    final String wrong = Reads.mismatch(codec, lane, k, v, bench.sizeOf(k, v), lane.read(session, k));
                    if (wrong != null) {
                        return trial.fail("after writes beside checkpoints, " + Reads.keyName(bench, k) + ": " + wrong,
                            repro + "; then each tracked key's last version is read.");
                    }
                }
            }
        }
        if (stall > bound.toNanos()) {
            final String measured = "writers stalled " + millis(stall) + " during checkpoints in each of " + rounds
                + " rounds (the least of them), over " + boundName;
            if (noise >= stall) {
                return trial.undecided(measured + "; but they stalled " + millis(noise) + " between checkpoints as "
                    + "well: this machine stalls writers as long without any checkpoint");
            }
            return trial.fail(measured + "; " + millis(noise) + " between checkpoints: the checkpoint holds writers",
                repro + "; " + rounds + " rounds, each over the bound.");
        }
        return trial.pass("longest writer stall during checkpoints " + millis(stall) + " (bound " + millis(
            bound.toNanos()) + ", " + millis(noise) + " between checkpoints) on " + keys + " keys");
    }

    /** Writers upsert while a thread checkpoints, for the level's probe length. */
    private static Round round(final StoreUnderTest sut, final Store store, final Workbench bench,
                               final ValueCodec codec, final int writers, final int tracked, final long stride,
                               final Duration every, final VersionClock[] clocks, final long[] last)
        throws InterruptedException {
        final AtomicBoolean running = new AtomicBoolean(true);
        // Odd while a checkpoint runs: a writer that reads the same even value at both ends of a gap knows no
        // checkpoint overlapped it (the volatile read orders it against the checkpointer's increments).
        final AtomicLong phase = new AtomicLong();
        final AtomicLong stall = new AtomicLong();
        final AtomicLong noise = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        final Exception[] checkpointFailure = new Exception[1];
        final int[] taken = new int[1];
        final long[] longest = new long[1];
        final Thread checkpointer = Thread.ofPlatform().name("gate-checkpointer").start(() -> {
            final long end = System.nanoTime() + sut.level().checkpointProbe().toNanos();
            try {
                Thread.sleep(DEFAULT_GAP); // let the writers start: the first checkpoint should meet them
                while (System.nanoTime() < end) {
                    final long start = System.nanoTime();
                    phase.incrementAndGet();
                    final Checkpoint c;
                    try {
                        c = store.checkpoint();
                    } finally {
                        phase.incrementAndGet();
                    }
                    final long took = System.nanoTime() - start;
                    longest[0] = Math.max(longest[0], took);
                    taken[0]++;
                    if (c == null) {
                        throw new IllegalStateException("checkpoint() returned null");
                    }
                    final long gap = every == null ? DEFAULT_GAP.toNanos() : every.toNanos() - took;
                    if (gap > 0) {
                        Thread.sleep(Duration.ofNanos(Math.min(gap, Math.max(0, end - System.nanoTime()))));
                    }
                }
            } catch (final Exception e) {
                checkpointFailure[0] = e;
            } finally {
                running.set(false);
            }
        });
        try {
            Parallel.run("gate-ckpt-writer", writers, t -> {
                final VersionClock clock = clocks[t];
                final int owned = (tracked - t + writers - 1) / writers;
                long rng = Mix.mix64(bench.seed() ^ (0xC4_EC4BL + t) ^ clock.current());
                try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                    final Lane lane = bench.lane(arena);
                    long previous = System.nanoTime();
                    long previousPhase = phase.get();
                    long duringCheckpoints = 0;
                    long between = 0;
                    long n = 0;
                    while (running.get() && owned > 0) {
                        rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                        final int i = t + writers * (int) Long.remainderUnsigned(rng, owned);
                        final long k = i * stride;
                        final long v = clock.next();
                        lane.write(session, k, lane.value(codec, k, v, bench.sizeOf(k, v)));
                        last[i] = v;
                        final long now = System.nanoTime();
                        final long nowPhase = phase.get();
                        if (nowPhase != previousPhase || (nowPhase & 1) != 0) {
                            duringCheckpoints = Math.max(duringCheckpoints, now - previous);
                        } else {
                            between = Math.max(between, now - previous);
                        }
                        previous = now;
                        previousPhase = nowPhase;
                        n++;
                    }
                    stall.accumulateAndGet(duringCheckpoints, Math::max);
                    noise.accumulateAndGet(between, Math::max);
                    writes.addAndGet(n);
                }
            });
        } catch (final Exception e) {
            running.set(false);
            checkpointer.join();
            return new Round(taken[0], writes.get(), stall.get(), noise.get(), longest[0], e,
                "upserts running beside checkpoints");
        }
        checkpointer.join();
        return new Round(taken[0], writes.get(), stall.get(), noise.get(), longest[0], checkpointFailure[0],
            "a checkpoint taken while writers ran");
    }

    private static String millis(final long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
