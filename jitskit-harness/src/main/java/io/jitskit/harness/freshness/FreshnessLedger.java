package io.jitskit.harness.freshness;

import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The latest acknowledged write of a secret sample of keys, kept while a timed run goes on, so that every read of a
 * sampled key is held to the gate's read-after-write rule and the run's end can check retention.
 *
 * <h2>The rule</h2>
 * A read may return the write of its key that was acknowledged last before the read began, or any write concurrent
 * with the read; never one that a later, already acknowledged write replaced, and never nothing while an
 * acknowledged, undeleted write exists (stores may not evict). Writes of one worker are ordered by its versions
 * ({@link VersionClock}: a sequence per worker, its index in the low byte); writes of different workers by the
 * monotonic clock: a write that <em>began</em> after another <em>ended</em> replaced it.
 *
 * <h2>What is kept</h2>
 * Per sampled key and worker, one record: that worker's last completed write of the key (version, a delete bit,
 * begin and end time), the version it is writing now, the last delete it began, and its rmw's of the key begun and
 * acknowledged. A record has one writer, its worker, which publishes it under a sequence lock; readers take a snapshot of every worker's record before they read, so everything in the
 * snapshot was acknowledged before the read began. A read is stale when its value's own worker had completed a
 * newer write of the key, or when it is that worker's last and another worker's completed write began after it
 * ended. A value's rmw counter (set to 0 by its write) must count every rmw that began after the write was
 * acknowledged and was acknowledged before the read began. Values of fewer than 8 bytes (TINY, see {@link ValueCodec}) name no version: they are matched against every
 * version of each worker from the snapshot's to the one in flight after the read.
 *
 * <h2>The sample</h2>
 * Ids {@code k * stride - offset} for a power-of-two stride (at least 8) and a secret offset below it, with at most
 * {@link #MAX_TRACKED} slots (and 1% of the memory budget, {@link #slotsWithin}) for those below the card's key count. Ids beyond it (the fresh inserts of a time-ordered
 * window) take the slot of the id a multiple of that span below, and each record names its id, so the sample moves
 * with the window and two ids never mix their histories. The store sees keys only through the secret permutation of
 * {@code KeySpace}, and the offset keeps even a distribution's hottest rank out of the sample unless the seed puts it
 * there, so a store cannot tell a sampled key from another. Nothing here issues an operation, so the store sees
 * exactly the card's stream (EVALUATOR.md, the footprint rule).
 *
 * <p>Memory: {@code 128 B x workers} per slot, on the heap (the store's budget is off-heap and its own).
 */
public final class FreshnessLedger {

    /** Most keys sampled: 2^16 slots cost 16 MiB at 2 workers and bound the end-of-run read-back. */
    public static final int MAX_TRACKED = 1 << 16;
    /** Fewest slots, whatever the budget: 1,024 keys (256 KiB at 2 workers). */
    static final int MIN_SLOTS = 1 << 10;
    /** The ledger's share of the memory budget it is held to, which charges the whole process. */
    static final double BUDGET_SHARE = 0.01;
    /**
     * At most one key in 8 is sampled: on trace-cachelib-quick (52 keys) sampling every key cost chm 30% of its
     * throughput (29.3 to 20.5 Mops/s), the workers' records of its few hot keys bouncing between the cores.
     */
    static final int MIN_STRIDE_SHIFT = 3;

    /** Marks a record's version as a delete. Versions are positive, so the bit is free. */
    private static final long DELETE = Long.MIN_VALUE;
    /** Most candidate versions per worker a TINY value is matched against. */
    private static final int MAX_TINY_CANDIDATES = 64;

    private static final int SEQ = 0;
    /** The id the record is about: ids a multiple of {@code slots x stride} apart share a slot. */
    private static final int ID = 1;
    private static final int VERSION = 2;
    private static final int BEGIN = 3;
    private static final int END = 4;
    private static final int PENDING = 5;
    /** The last delete the worker began; never cleared, so a delete that began during a read stays visible. */
    private static final int LAST_DELETE = 6;
    /** The worker's rmw's of the key begun, and acknowledged: counters only this worker advances. */
    private static final int RMW_BEGUN = 7;
    private static final int RMW_DONE = 8;
    /** With a write: every worker's rmw's begun when the store acknowledged it (an upper bound). */
    private static final int RMW_BASE = 9;
    /**
     * A record's stride: 16 longs, so that no two records share a 64-byte line (nor the adjacent line a prefetcher
     * pulls in with it). Unpadded, the two workers' records of one hot key shared a line, and every write of it
     * bounced the line between the cores: chm on trace-cachelib-quick ran 20% slower with the hottest key sampled.
     */
    private static final int RECORD = 16;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int workers;
    private final int strideShift;
    private final long strideMask;
    private final long slots;
    /** Added to an id before the stride test: which residue is sampled is secret. */
    private final long offset;
    private final long[] records;
    private final ValueCodec codec;
    private final long originNanos;

    /**
     * @param workers     the run's worker threads (the low byte of every version)
     * @param keyCount    the ids live at once: the sample has a slot for every sampled id below it, and an id
     *                    beyond (a fresh insert) takes the slot of the one a multiple of the span below it, as a
     *                    time-ordered window moves on
     * @param codec       the run's value codec
     * @param originNanos when the store was opened, for "time since open" in failures
     * @param seed        the run's hidden seed: picks which ids are sampled
     * @param maxSlots    most slots (see {@link #slotsWithin})
     */
    public FreshnessLedger(final int workers, final long keyCount, final ValueCodec codec, final long originNanos,
                           final long seed, final int maxSlots) {
        if (workers < 1 || workers > VersionClock.MAX_THREADS) {
            throw new IllegalArgumentException("workers must be in [1, " + VersionClock.MAX_THREADS + "]");
        }
        final long keys = Math.max(1, keyCount);
        int shift = MIN_STRIDE_SHIFT;
        while ((keys + (1L << shift) - 1 >>> shift) > Math.clamp(maxSlots, 1, MAX_TRACKED)) {
            shift++;
        }
        this.workers = workers;
        this.strideShift = shift;
        this.strideMask = (1L << shift) - 1;
        this.offset = Mix.mix64(seed ^ 0x4652_4553_484EL) & strideMask;
        this.slots = (keys + offset + strideMask) >>> shift;
        this.records = new long[Math.toIntExact(slots * workers * RECORD)];
        this.codec = codec;
        this.originNanos = originNanos;
    }

    /**
     * The most slots a ledger may take for {@code workers} under a memory budget of {@code budgetBytes}: 1% of it, so
     * that the harness's bookkeeping does not push a store over a budget it met (a 256-MiB trace card's design was
     * charged 17 MiB more with 2^16 slots), between {@link #MIN_SLOTS} and {@link #MAX_TRACKED}.
     */
    public static int slotsWithin(final long budgetBytes, final int workers) {
        final long bytesPerSlot = (long) workers * RECORD * Long.BYTES;
        return Math.clamp((long) (budgetBytes * BUDGET_SHARE) / bytesPerSlot, MIN_SLOTS, MAX_TRACKED);
    }

    /** Whether writes and reads of {@code id} are checked. */
    public boolean tracks(final long id) {
        return ((id + offset) & strideMask) == 0 && id >= 0;
    }

    /** Every this-many-th id is sampled. */
    public long stride() {
        return 1L << strideShift;
    }

    /** How many ids are sampled. */
    public long trackedKeys() {
        return slots;
    }

    private int base(final long id, final int worker) {
        return (int) ((((id + offset) >>> strideShift) % slots * workers + worker) * RECORD);
    }

    // ---- the writer's side: only worker `worker` calls these for its own records -----------------------------------

    /**
     * Announces a write of {@code id} by {@code worker} before it is issued.
     *
     * @return the write's begin time, for {@link #completed}
     */
    public long beginWrite(final long id, final int worker, final long version, final boolean delete) {
        // Release: a reader that sees this version pending also sees the records it published before.
        final int b = base(id, worker);
        if (delete) {
            LONGS.setRelease(records, b + LAST_DELETE, version);
        }
        LONGS.setRelease(records, b + PENDING, delete ? version | DELETE : version);
        return System.nanoTime();
    }

    /** Publishes a write the store acknowledged; {@code begin} is what {@link #beginWrite} returned. */
    public void completed(final long id, final int worker, final long version, final boolean delete,
                          final long begin) {
        final long end = System.nanoTime();
        final int b = base(id, worker);
        // Read after the store acknowledged the write, so it counts every rmw begun before that, and maybe a few more.
        long rmwBase = 0;
        for (int w = 0; w < workers; w++) {
            rmwBase += (long) LONGS.getOpaque(records, base(id, w) + RMW_BEGUN);
        }
        final long seq = records[b + SEQ];
        // Single-writer sequence lock: odd while the record changes; the store-store fence keeps the odd mark ahead
        // of the fields, the release store keeps the fields ahead of the even mark.
        LONGS.setOpaque(records, b + SEQ, seq + 1);
        VarHandle.storeStoreFence();
        LONGS.setOpaque(records, b + ID, id);
        LONGS.setOpaque(records, b + VERSION, delete ? version | DELETE : version);
        LONGS.setOpaque(records, b + BEGIN, begin);
        LONGS.setOpaque(records, b + END, end);
        LONGS.setOpaque(records, b + RMW_BASE, rmwBase);
        LONGS.setRelease(records, b + SEQ, seq + 2);
    }

    /**
     * Whether rmw's of {@code id} are counted: ids in the first span only, where no other id shares the slot (its
     * counters are the slot's, not the id's).
     */
    public boolean countsRmw(final long id) {
        return tracks(id) && id + offset < slots << strideShift;
    }

    /** Announces an rmw of a counted id before it is issued. */
    public void beginRmw(final long id, final int worker) {
        final int b = base(id, worker) + RMW_BEGUN;
        // Opaque: a writer that completes later must see it; its count only ever overestimates.
        LONGS.setOpaque(records, b, records[b] + 1);
    }

    /** Publishes an rmw the store acknowledged. */
    public void rmwDone(final long id, final int worker) {
        final int b = base(id, worker) + RMW_DONE;
        LONGS.setRelease(records, b, records[b] + 1);
    }

    // ---- the reader's side -------------------------------------------------------------------------------------------

    /** One worker's buffers for snapshots; allocated once, confined to its thread. */
    public Reader reader() {
        return new Reader();
    }

    /** Reads and judges sampled keys for one thread; allocates only to describe a failure. */
    public final class Reader {

        private final long[] version = new long[workers];
        private final long[] begin = new long[workers];
        private final long[] end = new long[workers];
        private final long[] pendingAfter = new long[workers];
        private final long[] rmwBase = new long[workers];
        /** Every worker's rmw's of the key acknowledged before the read began. */
        private long rmwDone;

        private Reader() {
        }

        /** Takes the snapshot a read of {@code id} is judged against; call it before issuing the read. */
        public void before(final long id) {
            long done = 0;
            for (int w = 0; w < workers; w++) {
                done += (long) LONGS.getAcquire(records, base(id, w) + RMW_DONE);
            }
            rmwDone = done;
            snapshot(id, version, begin, end, rmwBase);
        }

        /**
         * Judges a read of {@code id} that returned {@code value}, whose {@link ValueCodec#verify} gave
         * {@code verified} (a version, or {@link ValueCodec#UNVERIFIABLE}).
         *
         * @return null when the read is fresh, else what made it stale
         */
        public String afterValue(final long id, final long verified, final MemorySegment value) {
            long v = verified;
            if (verified == ValueCodec.UNVERIFIABLE) {
                v = matchTiny(id, value);
                if (v < 0) {
                    return "key id " + id + ": read " + value.byteSize() + " bytes that are none of the versions "
                        + "acknowledged before the read or written during it (stale or lost), "
                        + sinceOpen() + "; last acknowledged before the read: " + describeAll();
                }
            }
            // A matched TINY version is whole; a verified one keeps the bits its layout holds.
            return judge(id, v, verified == ValueCodec.UNVERIFIABLE ? Long.MAX_VALUE
                : codec.versionMask((int) value.byteSize()), value);
        }

        /** Judges a read of {@code id} that found nothing. */
        public String afterMiss(final long id) {
            final int live = liveWriter();
            if (live < 0) {
                return null;
            }
            // A delete that had not completed when the snapshot was taken (in flight then, or begun since) may explain
            // the miss: its version is above the worker's snapshot.
            for (int w = 0; w < workers; w++) {
                final long lastDelete = (long) LONGS.getAcquire(records, base(id, w) + LAST_DELETE);
                if (lastDelete > (version[w] & ~DELETE)) {
                    return null;
                }
            }
            return "key id " + id + ": read as absent, " + sinceOpen() + ", but " + describe(live)
                + " was acknowledged before the read began and no delete followed it";
        }

        /** The worker whose last completed write is a value no acknowledged delete replaced, or -1. */
        private int liveWriter() {
            int live = -1;
            for (int w = 0; w < workers; w++) {
                if (version[w] == 0 || (version[w] & DELETE) != 0) {
                    continue;
                }
                if (!replacedByAnother(w)) {
                    live = w;
                }
            }
            if (live < 0) {
                return -1;
            }
            // Any delete that is not itself replaced by a later value makes absence legal.
            for (int w = 0; w < workers; w++) {
                if ((version[w] & DELETE) != 0 && !replacedByAnother(w)) {
                    return -1;
                }
            }
            return live;
        }

        /** Whether worker {@code w}'s snapshot write was replaced by another worker's write begun after it ended. */
        private boolean replacedByAnother(final int w) {
            for (int o = 0; o < workers; o++) {
                if (o != w && version[o] != 0 && begin[o] - end[w] > 0) {
                    return true;
                }
            }
            return false;
        }

        private String judge(final long id, final long v, final long mask, final MemorySegment value) {
            final int w = VersionClock.threadOf(v);
            if (w >= workers) {
                return null; // not a version of this run's workers: the codec already vouched for the bytes
            }
            final long own = version[w] & ~DELETE;
            if (own == 0) {
                return null; // the worker's first write of the key is still in flight, or unpublished
            }
            final long diff = mask == Long.MAX_VALUE ? own - v : (int) ((own - v) & mask);
            if (diff > 0) {
                return "key id " + id + ": stale read, " + sinceOpen() + ": returned worker " + w + "'s write #"
                    + VersionClock.sequenceOf(v) + " but " + describe(w) + " was acknowledged before the read began";
            }
            if (diff < 0) {
                return null; // newer than the snapshot: concurrent with the read
            }
            for (int o = 0; o < workers; o++) {
                if (o != w && version[o] != 0 && begin[o] - end[w] > 0) {
                    return "key id " + id + ": stale read, " + sinceOpen() + ": returned " + describe(w)
                        + ", but " + describe(o) + " began after it and was acknowledged before the read began";
                }
            }
            return countedRmw(id, w, value);
        }

        /**
         * The counter of the value read, which worker {@code w}'s snapshot write set to 0, must count every rmw that
         * began after that write was acknowledged and was itself acknowledged before the read began: each one was
         * applied to this value (any write between would make the value stale). At least
         * {@code done - base}: rmw's acknowledged before the read, less those begun by the write's end.
         */
        private String countedRmw(final long id, final int w, final MemorySegment value) {
            if (!codec.hasCounterWord() || value.byteSize() < Long.BYTES || !countsRmw(id)) {
                return null;
            }
            final long owed = rmwDone - rmwBase[w];
            final long counter = ValueCodec.counter(value);
            if (Long.compareUnsigned(counter, owed) >= 0 || owed <= 0) {
                return null;
            }
            return "key id " + id + ": lost rmw, " + sinceOpen() + ": the value of " + describe(w) + " counts "
                + counter + " increments, but at least " + owed + " rmw's began after that write and were "
                + "acknowledged before the read began";
        }

        /** The version a TINY value is, among those the read could return, or -1. */
        private long matchTiny(final long id, final MemorySegment value) {
            for (int w = 0; w < workers; w++) {
                pendingAfter[w] = (long) LONGS.getAcquire(records, base(id, w) + PENDING) & ~DELETE;
            }
            for (int w = 0; w < workers; w++) {
                final long from = VersionClock.sequenceOf(version[w] & ~DELETE);
                final long to = Math.max(from, VersionClock.sequenceOf(pendingAfter[w]));
                if (to - from >= MAX_TINY_CANDIDATES) {
                    return VersionClock.of(to, w); // too many writes during one read to enumerate: accept
                }
                for (long s = Math.max(1, from); s <= to; s++) {
                    final long candidate = VersionClock.of(s, w);
                    if (codec.matches(id, candidate, value)) {
                        return candidate;
                    }
                }
            }
            return -1;
        }

        private String describeAll() {
            final StringBuilder sb = new StringBuilder();
            for (int w = 0; w < workers; w++) {
                if (version[w] != 0) {
                    sb.append(sb.isEmpty() ? "" : "; ").append(describe(w));
                }
            }
            return sb.isEmpty() ? "none" : sb.toString();
        }

        private String describe(final int w) {
            final long v = version[w];
            return "worker " + w + "'s " + ((v & DELETE) != 0 ? "delete" : "write") + " #"
                + VersionClock.sequenceOf(v & ~DELETE) + String.format(Locale.ROOT,
                " (began %.3f s, acknowledged %.3f s after open)", (begin[w] - originNanos) / 1e9,
                (end[w] - originNanos) / 1e9);
        }

        private String sinceOpen() {
            return String.format(Locale.ROOT, "%.3f s after open", (System.nanoTime() - originNanos) / 1e9);
        }
    }

    private void snapshot(final long id, final long[] version, final long[] begin, final long[] end,
                          final long[] rmwBase) {
        for (int w = 0; w < workers; w++) {
            final int b = base(id, w);
            while (true) {
                final long s1 = (long) LONGS.getAcquire(records, b + SEQ);
                if ((s1 & 1) != 0) {
                    Thread.onSpinWait();
                    continue;
                }
                final long owner = (long) LONGS.getOpaque(records, b + ID);
                final long v = (long) LONGS.getOpaque(records, b + VERSION);
                final long bg = (long) LONGS.getOpaque(records, b + BEGIN);
                final long en = (long) LONGS.getOpaque(records, b + END);
                final long rb = (long) LONGS.getOpaque(records, b + RMW_BASE);
                // The fields' loads complete before the second look at the sequence.
                VarHandle.loadLoadFence();
                if ((long) LONGS.getOpaque(records, b + SEQ) == s1) {
                    // Another id's record says nothing of this one: as if this worker had not written it.
                    version[w] = owner == id ? v : 0;
                    begin[w] = bg;
                    end[w] = en;
                    rmwBase[w] = rb;
                    break;
                }
            }
        }
    }

    // ---- the end of a run --------------------------------------------------------------------------------------------

    /** Reads one key for {@link #verifyRetention}: its value's length in {@code out}, or a negative when absent. */
    @FunctionalInterface
    public interface KeyReader {
        int read(long id, MemorySegment out);
    }

    /** Whether a worker before {@code owner} holds a record of {@code id} in {@code slot}: the id is read once. */
    private boolean seenEarlier(final long slot, final int owner, final long id) {
        for (int w = 0; w < owner; w++) {
            final int b = (int) ((slot * workers + w) * RECORD);
            if (records[b + VERSION] != 0 && records[b + ID] == id) {
                return true;
            }
        }
        return false;
    }

    /** What {@link #verifyRetention} found. */
    public record Retention(long keysChecked, long present, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * With every writer stopped, reads back each sampled key that was ever written: it must hold a write no other
     * acknowledged write replaced, or be absent after a delete. Single-threaded.
     *
     * @param out a buffer as large as the largest value
     */
    public Retention verifyRetention(final KeyReader store, final MemorySegment out) {
        final Reader r = new Reader();
        long checked = 0;
        long present = 0;
        for (long slot = 0; slot < slots; slot++) {
            for (int owner = 0; owner < workers; owner++) {
                final long id = records[(int) ((slot * workers + owner) * RECORD) + ID];
                if (records[(int) ((slot * workers + owner) * RECORD) + VERSION] == 0 || seenEarlier(slot, owner, id)) {
                    continue;
                }
                checked++;
                r.before(id);
                final int len = store.read(id, out);
                final String failure;
                if (len < 0) {
                    failure = r.afterMiss(id);
                } else {
                    present++;
                    final MemorySegment value = out.asSlice(0, len);
                    final long verified = codec.verify(id, value);
                    failure = verified < 0 && verified != ValueCodec.UNVERIFIABLE
                        ? "key id " + id + ": read back " + len + " bytes that fail verification (code " + verified
                            + ")"
                        : r.afterValue(id, verified, value);
                }
                if (failure != null) {
                    return new Retention(checked, present, "retention: " + failure);
                }
            }
        }
        return new Retention(checked, present, null);
    }
}
