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
import io.jitskit.spec.Operation;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Check 2, read-after-write per key under concurrency: a read returns the latest completed write of its key or one
 * concurrent with it, never an older one, never bytes that were not written.
 *
 * <h2>How the history is kept exact without a log</h2>
 * Every key has one owner thread that alone writes it, so the writes of a key are totally ordered by the owner's
 * {@link VersionClock}. Per key the owner publishes, with volatile stores, {@code started[k]} before it issues a write
 * and {@code completed[k]} after the store returned. A reader loads {@code lo = completed[k]} before its read and
 * {@code hi = started[k]} after it: every write the read may legally return has a version in {@code [lo, hi]}. Below
 * {@code lo} is a stale read (the index update was deferred, a write was dropped); above {@code hi} or failing the
 * codec is a value nobody wrote. Owners also read their key back at once after some writes ({@code lo == hi}):
 * read-your-writes, the case the gallery's deferred-index store loses.
 *
 * <p>When the spec has rmw, a few shared counter keys take {@code +1} from every thread; at the end each counter must
 * equal the number of rmw's that returned: no update lost.
 */
public final class ReadAfterWriteCheck implements Probe {

    public static final String NAME = "read-after-write";

    private static final int KEYS_PER_THREAD = 256;
    private static final int COUNTER_KEYS = 4;
    private static final long COUNTER_ID_BASE = 1L << 50;
    /** Percent of operations that write (on the thread's own keys). */
    private static final int WRITE_PERCENT = 40;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(final StoreUnderTest sut) throws Exception {
        final Trial trial = new Trial(NAME, sut);
        final Workbench bench = sut.workbench();
        final ValueCodec codec = bench.codec();
        final int threads = sut.spec().environment().threads();
        // Never more keys than the card has: a store sized for a trace's 52 keys must not be failed for lacking
        // room for 512.
        final int keys = (int) Math.max(threads, Math.min(KEYS_PER_THREAD * threads,
            sut.spec().workload().keyCount()));
        final boolean counters = bench.supports(Operation.RMW) && bench.counterValueBytes() > 0;
        final long deadline = System.nanoTime() + sut.level().readAfterWrite().toNanos();
        final AtomicLongArray started = new AtomicLongArray(keys);
        final AtomicLongArray completed = new AtomicLongArray(keys);
        final AtomicLong reads = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        final AtomicLong ownReads = new AtomicLong();
        final AtomicLong rmws = new AtomicLong();
        final AtomicReference<String> violation = new AtomicReference<>();
        trial.figure("threads", threads).figure("keys", keys).figure("rmw_counters", counters ? COUNTER_KEYS : 0);
        try (Store store = sut.open(sut.newDataDir(NAME))) {
            // The load: version 1 of each key as its owner's first write.
            try {
                Parallel.run("gate-raw-load", threads, t -> {
                    try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                        final Lane lane = bench.lane(arena);
                        for (int k = t; k < keys; k += threads) {
                            final long v = VersionClock.of(1, t);
                            lane.write(session, k, lane.value(codec, k, v, bench.sizeOf(k, v)));
                            started.set(k, v);
                            completed.set(k, v);
                        }
                    }
                });
            } catch (final RuntimeException e) {
                return trial.storeThrew("the load", e);
            }
            try {
                Parallel.run("gate-raw", threads, t -> {
                    final VersionClock clock = new VersionClock(t);
                    clock.next(); // version 1 was the load's
                    long rng = Mix.mix64(bench.seed() ^ t);
                    long ops = 0;
                    try (Arena arena = Arena.ofConfined(); Session session = store.openSession(t)) {
                        final Lane lane = bench.lane(arena);
                        while (violation.get() == null && ((++ops & 255) != 0 || System.nanoTime() < deadline)) {
                            rng = Mix.mix64(rng + Mix.GOLDEN_GAMMA);
                            final int k = (int) Long.remainderUnsigned(rng, keys);
                            final int roll = (int) ((rng >>> 40) % 100);
                            if (counters && roll < 5) {
                                final long c = COUNTER_ID_BASE + (rng >>> 20) % COUNTER_KEYS;
                                session.rmw(lane.key(c), 1, lane.value(bench.counterCodec(), c, 1,
                                    bench.counterValueBytes()));
                                rmws.incrementAndGet();
                            } else if (k % threads == t && roll < 5 + WRITE_PERCENT) {
                                final long v = clock.next();
                                final int size = bench.sizeOf(k, v);
                                // Volatile set: published before the store can expose v to any reader.
                                started.set(k, v);
                                lane.write(session, k, lane.value(codec, k, v, size));
                                // Volatile set after upsert returned: a reader that sees it must see v or newer.
                                completed.set(k, v);
                                writes.incrementAndGet();
                                if ((roll & 3) == 0) {
                                    ownReads.incrementAndGet();
                                    judge(bench, lane, k, v, v, lane.read(session, k), violation, "its owner, "
                                        + "right after writing it");
                                }
                            } else {
                                // Volatile gets around the read: lo before it starts, hi after it returned.
                                final long lo = completed.get(k);
                                final int length = lane.read(session, k);
                                final long hi = started.get(k);
                                reads.incrementAndGet();
                                judge(bench, lane, k, lo, hi, length, violation, "thread " + t);
                            }
                        }
                    }
                });
            } catch (final RuntimeException e) {
                return trial.storeThrew("the concurrent read/write run", e);
            }
            trial.figure("reads_verified", reads.get() + ownReads.get()).figure("writes", writes.get())
                .figure("read_your_writes", ownReads.get()).figure("rmw", rmws.get());
            if (violation.get() != null) {
                return trial.fail("a read broke read-after-write: " + violation.get(), reproducer(bench, threads,
                    keys, violation.get()));
            }
            if (counters) {
                final String lost = checkCounters(store, bench, threads, rmws.get());
                if (lost != null) {
                    return trial.fail("rmw lost updates: " + lost, reproducer(bench, threads, keys, lost));
                }
            }
        }
        return trial.pass((reads.get() + ownReads.get()) + " reads checked against " + writes.get()
            + " concurrent writes" + (counters ? " and " + rmws.get() + " rmw's" : ""));
    }

    /** Whether the last read returned a version of {@code k} in {@code [lo, hi]}; records the first violation. */
    private static void judge(final Workbench bench, final Lane lane, final int k, final long lo, final long hi,
                              final int length, final AtomicReference<String> violation, final String reader) {
        final String what;
        if (length == Session.NOT_FOUND && lo < hi && !bench.supports(Operation.UPSERT)) {
            return; // a rewrite is a delete then an insert without upsert: absent while one is in flight
        } else if (length == Session.NOT_FOUND) {
            what = "absent";
        } else if (length < 0 || length > bench.maxValueBytes()) {
            what = "a length of " + length;
        } else {
            final long v = Reads.versionIn(bench.codec(), lane.out(length), k, lo, hi);
            if (v >= lo && v <= hi && length == bench.sizeOf(k, v)) {
                return;
            }
            what = v < 0 ? Reads.found(bench.codec(), lane, k, length)
                : "version " + v + (v < lo ? " (STALE: older than the completed write)" : v > hi
                    ? " (never issued)" : " with the wrong length " + length);
        }
        violation.compareAndSet(null, Reads.keyName(bench, k) + " read by " + reader + ": expected a version in ["
            + lo + ", " + hi + "] (the last completed write to the newest started one), found " + what);
    }

    private static String checkCounters(final Store store, final Workbench bench, final int threads,
                                        final long rmws) {
        try (Arena arena = Arena.ofConfined(); Session session = store.openSession(threads)) {
            final Lane lane = bench.lane(arena);
            long total = 0;
            for (int c = 0; c < COUNTER_KEYS; c++) {
                final long id = COUNTER_ID_BASE + c;
                final int length = lane.read(session, id);
                if (length == Session.NOT_FOUND) {
                    continue;
                }
                if (!bench.counterCodec().matches(id, 1, lane.out(length))) {
                    return Reads.keyName(bench, id) + ": counter value's bytes past the counter changed: "
                        + Reads.found(bench.counterCodec(), lane, id, length);
                }
                total += ValueCodec.counter(lane.out(length));
            }
            return total == rmws ? null : "the counters sum to " + total + " after " + rmws + " rmw(+1)s returned";
        }
    }

    private static String reproducer(final Workbench bench, final int threads, final int keys, final String what) {
        return "seed " + bench.seed() + "; " + threads + " threads; key ids [0, " + keys + "), key k owned (written) "
            + "by thread k % " + threads + "; each thread draws keys and ops from mix64 of (seed ^ thread); owners "
            + "write version VersionClock(thread).next() with the spec size sizeOf(k, v) and read back a quarter of "
            + "their writes at once; other reads check the version against [completed, started] of the key.\n"
            + "violation: " + what;
    }
}
