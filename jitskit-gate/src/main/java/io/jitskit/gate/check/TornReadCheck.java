package io.jitskit.gate.check;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Check 3, torn reads: writers rewrite a handful of hot keys while readers verify every byte of what they read.
 *
 * <p>Half the hot keys are always rewritten at one size (a key-wide size drawn from the spec), the other half at a
 * size drawn per write: the first half is what fools a seqlock that skips the version bump on a same-size in-place
 * update (paper section 6: the bug showed once per 225 M reads in production), the second what catches a copy that
 * races a resize. Few keys and every thread on them make writer/reader overlaps frequent, so a race window of a few
 * nanoseconds is hit thousands of times per second instead of once per hundreds of millions of reads. Even threads
 * write and odd threads read, so two threads (one of each) suffice and the check needs no more threads than cores.
 */
public final class TornReadCheck implements Probe {

    public static final String NAME = "torn-reads";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        // A range that starts too short for a checksum is checked over its verifiable part.
        final Workbench bench = sut.workbench().withVerifiableSizes();
        final ValueCodec codec = bench.codec();
        if (!bench.valuesVerifiable()) {
            return trial.undecided("the spec's smallest values (" + bench.minValueBytes() + " bytes) are too short to "
                + "carry a checksum; torn reads cannot be detected");
        }
        final int threads = Math.max(2, sut.spec().environment().threads());
        final int hot = sut.level().tornHotKeys();
        final boolean upserts = bench.supports(io.jitskit.spec.Operation.UPSERT);
        final long deadline = System.nanoTime() + sut.level().tornReads().toNanos();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        final AtomicReference<String> torn = new AtomicReference<>();
        trial.figure("threads", threads).figure("hot_keys", hot)
            .figure("planned_ms", sut.level().tornReads().toMillis());
        try (Store store = sut.open(sut.newDataDir(NAME))) {
            try {
                // Loaded at the sizes the writers will use, by a session no writer uses: every rewrite of an even key
                // is then a same-size rewrite from a thread that did not insert it (the gallery's seqlock and
                // cross-thread ring bugs both live there).
                try (Arena arena = Arena.ofConfined(); Session loader = store.openSession(threads)) {
                    final Lane lane = bench.lane(arena);
                    final long v = VersionClock.of(1, threads);
                    for (int k = 0; k < hot; k++) {
                        final int size = (k & 1) == 0 ? bench.stableSizeOf(k) : bench.sizeOf(k, v);
                        lane.write(loader, k, lane.value(codec, k, v, size));
                    }
                }
                Parallel.run("gate-torn", threads, t -> {
                    final VersionClock clock = new VersionClock(t);
                    clock.next();
                    long rng = Mix.mix64(bench.seed() ^ (0x70_524EL + t));
                    long localReads = 0;
                    long localWrites = 0;
                    try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                        final Lane lane = bench.lane(arena);
                        final boolean writing = (t & 1) == 0;
                        long op = 0;
                        while (torn.get() == null && ((op & 1023) != 0 || System.nanoTime() < deadline)) {
                            op++;
                            rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                            final int k = (int) Long.remainderUnsigned(rng, hot);
                            if (writing) {
                                final long v = clock.next();
                                final int size = (k & 1) == 0 ? bench.stableSizeOf(k) : bench.sizeOf(k, v);
                                lane.write(session, k, lane.value(codec, k, v, size));
                                localWrites++;
                            } else {
                                final int length = lane.read(session, k);
                                localReads++;
                                if (length == Session.NOT_FOUND && !upserts) {
                                    continue; // between the delete and the insert of a rewrite: no bytes to judge
                                }
                                if (length == Session.NOT_FOUND || length < 0 || length > bench.maxValueBytes()
                                    || codec.verify(k, lane.out(length)) < 0) {
                                    torn.compareAndSet(null, Reads.keyName(bench, k) + " after " + localReads
                                        + " reads by thread " + t + ": " + Reads.found(codec, lane, k, length));
                                }
                            }
                        }
                    } finally {
                        reads.addAndGet(localReads);
                        writes.addAndGet(localWrites);
                    }
                });
            } catch (final RuntimeException e) {
                return trial.storeThrew("the torn-read run", e);
            }
        }
        trial.figure("reads_verified", reads.get()).figure("writes", writes.get());
        if (torn.get() != null) {
            return trial.fail("a read returned bytes no single write produced: " + torn.get(), "seed "
                + bench.seed() + "; " + hot + " hot key ids [0, " + hot + "), loaded by session " + threads + "; " + threads
                + " threads, even ones upserting (even ids at a fixed per-key size, odd ids at a size per write), odd "
                + "ones reading and verifying byte for byte; keys drawn from mix64 of (seed ^ (0x70524E + "
                + "thread)).\nfirst bad read: " + torn.get());
        }
        return trial.pass(reads.get() + " reads verified while " + writes.get() + " rewrites of " + hot
            + " hot keys ran");
    }
}
