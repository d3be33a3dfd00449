package io.jitskit.generated.golden_mem_commit.d70530043;

import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.INLINE_BYTES;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.KEY_OFFSET;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.LE_LONG;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.LIVE;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.LOCK;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.META;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.PAYLOAD_OFFSET;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.SLOTS_PER_SHARD;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.SLOT_BYTES;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.TOMBSTONE;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.isEmpty;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.isLocked;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.lengthOf;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.meta;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.metaAcquire;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.stateOf;
import static io.jitskit.generated.golden_mem_commit.d70530043.SlotLayout.versionOf;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.StoreException;
import io.jitskit.api.ValueSizeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker thread's handle on {@link JitStore}: every operation of the store runs here. Single-threaded by
 * contract, so its counters, its slab cache and its log are plain fields; what other threads read (serial, state,
 * counters) goes through the session's padded control block with the ordering noted at each access.
 */
final class JitSession implements Session {

    private final JitStore store;
    private final int id;
    private final MemorySegment table;
    private final MemorySegment control;
    /** Offset of this session's control block in {@link #control}. */
    private final long ctl;
    private final SessionLog log;
    /** How far a delete looks for the end of its run before purging tombstones backwards from there. */
    private static final int PURGE_LOOKAHEAD = 32;
    /** Per shard, EMPTY slots this session may still claim without touching the shared counter. */
    private final long[] emptyBudget = new long[SlotLayout.SHARDS];
    /** Per shard, the index compaction the budget was reserved under: a compaction recounts and voids it. */
    private final long[] budgetGeneration = new long[SlotLayout.SHARDS];

    private long serial;
    private long ops;
    private long probeSteps;
    private long maxProbe;
    private long readRetries;
    private long liveDelta;
    /** Out-parameter of {@link #lockKey} and {@link #claim}: the version word the lock CAS replaced. */
    private long lockedMeta;
    /** Whether the current operation already compacted the index once (a second full shard is really full). */
    private boolean compacted;
    private boolean closed;

    JitSession(final JitStore store, final int id, final long recoveredSerial) {
        this.store = store;
        this.id = id;
        this.table = store.table();
        this.control = store.control();
        this.ctl = JitStore.controlBlock(id);
        this.log = store.logOf(id);
        this.serial = recoveredSerial;
        // Counters continue across close and reopen of the same id: the control block outlives the session.
        this.ops = control.get(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_OPS);
        this.probeSteps = control.get(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_PROBES);
        this.maxProbe = control.get(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_MAX_PROBE);
        this.readRetries = control.get(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_RETRIES);
        this.liveDelta = control.get(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_LIVE);
        control.set(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_SERIAL, serial);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long serial() {
        return serial;
    }

    /* ------------------------------------------------------------------ operations */

    @Override
    public int read(final MemorySegment key, final MemorySegment out) {
        final long k = keyOf(key);
        enter();
        try {
            return readKey(k, out);
        } catch (final Throwable failure) {
            // A failed operation changed nothing visible, so it takes no serial number.
            serial--;
            throw failure;
        } finally {
            exit();
        }
    }

    @Override
    public void upsert(final MemorySegment key, final MemorySegment value) {
        final long k = keyOf(key);
        final int len = valueLength(value);
        enter();
        try {
            final long h = SlotLayout.hash(k);
            final MemorySegment t = shardOf(h);
            final long off = locate(t, k, h);
            publishValue(t, off, lockedMeta, value, len, false, 0);
            log.appendUpsert(serial, k, versionOf(lockedMeta) + 1, value, len, false, 0);
        } catch (final Throwable failure) {
            // A failed operation changed nothing visible, so it takes no serial number.
            serial--;
            throw failure;
        } finally {
            exit();
        }
    }

    @Override
    public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
        final long k = keyOf(key);
        final int initialLen = valueLength(initial);
        if (initialLen < Long.BYTES) {
            throw new StoreException("rmw initial value of " + initialLen + " bytes is shorter than the 8-byte add-u64"
                + " counter; pass an initial value of at least 8 bytes");
        }
        enter();
        try {
            final long h = SlotLayout.hash(k);
            final MemorySegment t = shardOf(h);
            final long off = locate(t, k, h);
            final long m = lockedMeta;
            if (stateOf(m) != LIVE) {
                // Absent: the key starts from the caller's initial value, then takes the delta.
                final long counter = initial.get(LE_LONG, 0) + delta;
                publishValue(t, off, m, initial, initialLen, true, counter);
                log.appendUpsert(serial, k, versionOf(m) + 1, initial, initialLen, true, counter);
                return counter;
            }
            final int len = lengthOf(m);
            if (len < Long.BYTES) {
                // Nothing was written: handing back the same word is invisible to readers.
                META.setRelease(t, off, m);
                throw new StoreException("rmw on a value of " + len + " bytes: add-u64 needs an 8-byte counter");
            }
            final MemorySegment base;
            final long at;
            base = t;
            at = off + PAYLOAD_OFFSET;
            final long counter = base.get(LE_LONG, at) + delta;
            base.set(LE_LONG, at, counter);
            // Release: the counter store is visible no later than the advanced version; a reader that copied the old
            // counter mid-update sees the version move and retries.
            META.setRelease(t, off, meta(versionOf(m) + 1, LIVE, len));
            log.appendDelta(serial, k, versionOf(m) + 1, delta);
            return counter;
        } catch (final Throwable failure) {
            // A failed operation changed nothing visible, so it takes no serial number.
            serial--;
            throw failure;
        } finally {
            exit();
        }
    }

    @Override
    public boolean delete(final MemorySegment key) {
        final long k = keyOf(key);
        enter();
        try {
            final long h = SlotLayout.hash(k);
            final MemorySegment t = shardOf(h);
            final long off = lockKey(t, k, h);
            if (off < 0) {
                return false;
            }
            final long m = lockedMeta;
            if (stateOf(m) != LIVE) {
                // Already a tombstone: nothing changes, and handing back the same word is invisible to readers.
                META.setRelease(t, off, m);
                return false;
            }
            // Release: the tombstone keeps the key, so probe chains through this slot stay intact.
            META.setRelease(t, off, meta(versionOf(m) + 1, TOMBSTONE, 0));
            liveDelta--;
            log.appendDelete(serial, k, versionOf(m) + 1);
            purgeTombstones(t, off, h);
            return true;
        } catch (final Throwable failure) {
            // A failed operation changed nothing visible, so it takes no serial number.
            serial--;
            throw failure;
        } finally {
            exit();
        }
    }

    @Override
    public boolean insert(final MemorySegment key, final MemorySegment value) {
        final long k = keyOf(key);
        final int len = valueLength(value);
        enter();
        try {
            final long h = SlotLayout.hash(k);
            final MemorySegment t = shardOf(h);
            final long off = locate(t, k, h);
            if (stateOf(lockedMeta) == LIVE) {
                META.setRelease(t, off, lockedMeta);
                return false;
            }
            publishValue(t, off, lockedMeta, value, len, false, 0);
            log.appendUpsert(serial, k, versionOf(lockedMeta) + 1, value, len, false, 0);
            return true;
        } catch (final Throwable failure) {
            // A failed operation changed nothing visible, so it takes no serial number.
            serial--;
            throw failure;
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            publishCounters();
            store.sessionClosed(this);
        }
    }

    /**
     * Gives the unspent claim budgets back to the shards' counters. Called by the store under its sessions lock, which
     * an index compaction holds throughout, so a budget is never returned into a recount it was not part of.
     */
    void returnClaimBudgets() {
        for (int s = 0; s < emptyBudget.length; s++) {
            syncBudget(s);
            store.returnEmptySlots(s, emptyBudget[s]);
            emptyBudget[s] = 0;
        }
    }

    /* ------------------------------------------------------------------ read path */

    /**
     * The seqlock read: load the version word (acquire), copy, fence, re-load; accept the copy only if the word is
     * unchanged and was unlocked. Writers advance the version on every mutation, so an unchanged word proves that no
     * byte of the copy was written in between.
     */
    private int readKey(final long key, final MemorySegment out) {
        final long h = SlotLayout.hash(key);
        final MemorySegment t = shardOf(h);
        long slot = SlotLayout.homeSlot(h);
        long steps = 1;
        while (true) {
            final long off = slot * SLOT_BYTES;
            final long m = metaAcquire(t, off);
            if (isEmpty(m)) {
                // EMPTY: this key's probe chain ends here.
                countProbe(steps);
                return NOT_FOUND;
            }
            if (t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) != key) {
                if (isLocked(m) && stateOf(m) != LIVE) {
                    // A claim in progress may be writing this very key: wait for its release.
                    Thread.onSpinWait();
                    continue;
                }
                slot = SlotLayout.nextSlot(slot);
                if (++steps > SLOTS_PER_SHARD) {
                    throw store.noChainEnd();
                }
                continue;
            }
            if (isLocked(m)) {
                // Our key's writer is mid-write: its release comes within a few stores.
                Thread.onSpinWait();
                continue;
            }
            if (stateOf(m) != LIVE) {
                // Tombstone: confirm the key we compared belonged to this version before answering absent.
                VarHandle.loadLoadFence();
                if ((long) META.getOpaque(t, off) == m) {
                    countProbe(steps);
                    return NOT_FOUND;
                }
                countRetry();
                continue;
            }
            final int len = lengthOf(m);
            if (len > out.byteSize()) {
                VarHandle.loadLoadFence();
                if ((long) META.getOpaque(t, off) == m) {
                    countProbe(steps);
                    throw new BufferTooSmallException(len, out.byteSize());
                }
                countRetry();
                continue;
            }
            MemorySegment.copy(t, off + PAYLOAD_OFFSET, out, 0, 64);
            // LoadLoad: the payload loads above complete before the validating re-load of the version word.
            VarHandle.loadLoadFence();
            if ((long) META.getOpaque(t, off) == m) {
                countProbe(steps);
                return len;
            }
            countRetry();
        }
    }

    /* ------------------------------------------------------------------ write path */

    /**
     * Finds the key's slot (live or tombstone) and acquires its seqlock. Returns the slot's offset, with the replaced
     * version word in {@link #lockedMeta}, or -1 when the key has no slot.
     */
    private long lockKey(final MemorySegment t, final long key, final long h) {
        long slot = SlotLayout.homeSlot(h);
        long steps = 1;
        while (true) {
            final long off = slot * SLOT_BYTES;
            final long m = metaAcquire(t, off);
            if (isEmpty(m)) {
                countProbe(steps);
                return -1;
            }
            if (t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) != key) {
                if (isLocked(m) && stateOf(m) != LIVE) {
                    Thread.onSpinWait();
                    continue;
                }
                slot = SlotLayout.nextSlot(slot);
                if (++steps > SLOTS_PER_SHARD) {
                    throw store.noChainEnd();
                }
                continue;
            }
            if (isLocked(m)) {
                Thread.onSpinWait();
                continue;
            }
            // CAS from the observed word (volatile: a full fence). Success proves no mutation since m was loaded, so
            // the key compared above is still this slot's key; it also keeps our payload stores after the odd word.
            if (META.compareAndSet(t, off, m, m | LOCK)) {
                lockedMeta = m;
                countProbe(steps);
                return off;
            }
        }
    }

    /** The key's slot, locked: its existing one (live or tombstone), or a newly claimed one. */
    private long locate(final MemorySegment t, final long k, final long h) {
        while (true) {
            final long off = lockKey(t, k, h);
            if (off >= 0) {
                return off;
            }
            try {
                return claim(t, k, h);
            } catch (final CompactionNeeded full) {
                // The shard reached its used-slot bound. We hold no lock now (claim released its stripe): step out of
                // the operation, compact the index under a quiesce, step back in, and look the key up again.
                compacted = true;
                store.compact(id);
                awaitCheckpoint();
            }
        }
    }

    /**
     * Gives the key a slot: the first reusable slot of its probe chain, locked, with the key written. If the key
     * appeared meanwhile (another session inserted it), locks that slot instead. The replaced word, with the version
     * the new value must exceed, is left in {@link #lockedMeta}.
     *
     * <p>Claims run under the stripe lock of the key's hash: a new key may take over a tombstone of another key, and
     * without the stripe two sessions inserting the same key could take two different tombstones. Under the stripe
     * no other thread creates a slot for this key, so one scan to the chain's EMPTY end decides absence.
     */
    private long claim(final MemorySegment t, final long key, final long h) {
        final long stripe = store.lockStripe(h);
        try {
            while (true) {
                final long off = claimScan(t, key, h);
                if (off >= 0) {
                    return off;
                }
            }
        } finally {
            store.unlockStripe(stripe);
        }
    }

    /** One scan of {@link #claim}; -1 when a CAS lost a race and the scan must start over. */
    private long claimScan(final MemorySegment t, final long key, final long h) {
        long slot = SlotLayout.homeSlot(h);
        long steps = 1;
        long reuseOff = -1;
        long reuseMeta = 0;
        while (true) {
            final long off = slot * SLOT_BYTES;
            final long m = metaAcquire(t, off);
            if (isLocked(m) && stateOf(m) != LIVE) {
                Thread.onSpinWait();
                continue;
            }
            if (isEmpty(m)) {
                if (reuseOff >= 0) {
                    // Take over a tombstone of another key (CAS from its observed word: we win only if untouched).
                    if (!META.compareAndSet(t, reuseOff, reuseMeta, reuseMeta | LOCK)) {
                        return -1;
                    }
                    t.set(ValueLayout.JAVA_LONG, reuseOff + KEY_OFFSET, key);
                    lockedMeta = meta(store.claimVersion(versionOf(reuseMeta)), TOMBSTONE, 0);
                    countProbe(steps);
                    return reuseOff;
                }
                final int shardIndex = SlotLayout.SHARDS == 1 ? 0 : store.shardIndex(h);
                reserveEmpty(shardIndex);
                // Claim the EMPTY slot: CAS from the observed word to locked. Readers treat a locked non-live slot as
                // "wait", so nobody reads the key before our release publishes it together with the value.
                if (!META.compareAndSet(t, off, m, m | LOCK)) {
                    emptyBudget[shardIndex]++;
                    return -1;
                }
                t.set(ValueLayout.JAVA_LONG, off + KEY_OFFSET, key);
                lockedMeta = meta(store.claimVersion(versionOf(m)), SlotLayout.EMPTY, 0);
                countProbe(steps);
                return off;
            }
            if (t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) == key) {
                if (isLocked(m)) {
                    Thread.onSpinWait();
                    continue;
                }
                if (META.compareAndSet(t, off, m, m | LOCK)) {
                    lockedMeta = m;
                    countProbe(steps);
                    return off;
                }
                continue;
            }
            if (reuseOff < 0 && stateOf(m) == TOMBSTONE && !isLocked(m)) {
                reuseOff = off;
                reuseMeta = m;
            }
            slot = SlotLayout.nextSlot(slot);
            if (++steps > SLOTS_PER_SHARD) {
                throw store.noChainEnd();
            }
        }
    }

    /**
     * Finds the end of the run of non-EMPTY slots holding the new tombstone at {@code off} and turns the tombstones at
     * the run's tail back into EMPTY slots, last first. A probe chain is a run of non-EMPTY slots, so no chain passes
     * through a slot whose successor is EMPTY: nobody needs it any more. While converting, the EMPTY successor is
     * fenced (CAS 0 -> locked, which readers and claimers treat as "wait"), so no claim can extend a chain past the
     * slot meanwhile; a claim that had picked the tombstone for reuse fails its CAS and rescans. Without this, deletes
     * of ever-new keys would leave tombstones in every chain and exhaust the used-slot bound while few keys are live.
     */
    private void purgeTombstones(final MemorySegment t, final long off, final long h) {
        long slot = off / SLOT_BYTES;
        for (int ahead = 0; ahead < PURGE_LOOKAHEAD; ahead++) {
            final long next = SlotLayout.nextSlot(slot);
            if (isEmpty(metaAcquire(t, next * SLOT_BYTES))) {
                break;
            }
            slot = next;
        }
        for (long steps = 0; steps < SLOTS_PER_SHARD; steps++) {
            final long next = SlotLayout.nextSlot(slot) * SLOT_BYTES;
            final long fence = metaAcquire(t, next);
            // CAS (volatile) EMPTY -> locked: the fence; fails when the successor is in use (or being fenced).
            if (!isEmpty(fence) || !META.compareAndSet(t, next, fence, fence | LOCK)) {
                return;
            }
            final boolean purged;
            try {
                final long cur = slot * SLOT_BYTES;
                final long m = metaAcquire(t, cur);
                // CAS from the observed tombstone word: fails if a claim or a revive took the slot meanwhile. The new
                // EMPTY word keeps a version, so a claim that saw this slot earlier cannot mistake it for the old word.
                purged = stateOf(m) == TOMBSTONE && !isLocked(m)
                    && META.compareAndSet(t, cur, m, meta(versionOf(m) + 1, SlotLayout.EMPTY, 0));
                if (purged) {
                    store.claimVersion(versionOf(m));
                    final int shardIndex = SlotLayout.SHARDS == 1 ? 0 : store.shardIndex(h);
                    syncBudget(shardIndex);
                    emptyBudget[shardIndex]++;
                }
            } finally {
                // Release with a new version: a claim that loaded the successor's EMPTY word before the fence now
                // fails its CAS and rescans from its home, where it meets the purged slot first.
                META.setRelease(t, next, meta(versionOf(fence) + 1, SlotLayout.EMPTY, 0));
            }
            if (!purged) {
                return;
            }
            slot = slot == 0 ? SLOTS_PER_SHARD - 1 : slot - 1;
        }
    }

    /** Takes one EMPTY-slot claim from this session's budget, refilling it from the shard's counter in batches. */
    private void reserveEmpty(final int shardIndex) {
        syncBudget(shardIndex);
        if (emptyBudget[shardIndex] == 0) {
            emptyBudget[shardIndex] = store.reserveEmptySlots(shardIndex);
            if (emptyBudget[shardIndex] == 0) {
                if (!compacted) {
                    throw CompactionNeeded.INSTANCE;
                }
                throw store.indexFull(shardIndex);
            }
        }
        emptyBudget[shardIndex]--;
    }

    /**
     * Drops a budget reserved before the shard's last compaction. The compaction set the shard's counter to the slots
     * really in use, which no longer includes that reservation: claiming from it would go uncounted, and returning it
     * would take from the new count (the counter went negative). A plain read of the generation is current: inside an
     * operation, this session read the phase (volatile) on entry, and compactions run with every session quiesced; on
     * close, it holds the sessions lock, which a compaction holds from start to end.
     */
    private void syncBudget(final int shardIndex) {
        final long generation = store.compactionGeneration(shardIndex);
        if (budgetGeneration[shardIndex] != generation) {
            budgetGeneration[shardIndex] = generation;
            emptyBudget[shardIndex] = 0;
        }
    }

    /** Unwinds a claim to {@link #locate} when its shard must be compacted; preallocated, no stack trace. */
    private static final class CompactionNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final CompactionNeeded INSTANCE = new CompactionNeeded();

        private CompactionNeeded() {
            super("index shard needs compaction", null, false, false);
        }
    }

    /**
     * Writes the value into the locked slot at {@code off} (whose replaced word is {@code m}) and releases the slot
     * with the version advanced. With {@code patchCounter}, the first 8 bytes become {@code counter} (rmw on an
     * absent key).
     */
    private void publishValue(final MemorySegment t, final long off, final long m, final MemorySegment value,
                              final int len, final boolean patchCounter, final long counter) {
        final int oldState = stateOf(m);
        MemorySegment.copy(value, 0, t, off + PAYLOAD_OFFSET, 64);
        if (patchCounter) {
            t.set(LE_LONG, off + PAYLOAD_OFFSET, counter);
        }
        // Release: key, payload and slab bytes written above are visible no later than the new version word.
        META.setRelease(t, off, meta(versionOf(m) + 1, LIVE, len));
        if (oldState != LIVE) {
            liveDelta++;
        }
    }

    /* ------------------------------------------------------------------ entry, exit, checks */

    private MemorySegment shardOf(final long h) {
        return table;
    }

    /**
     * Marks the session inside an operation.
     * Dekker handshake with a quiescing thread (checkpoint or compaction): we store IN_OP then load the phase, it
     * stores QUIESCE then loads our state; the volatile store orders our pair (StoreLoad), so at least one side sees
     * the other.
     */
    private void enter() {
        if (closed) {
            throw new IllegalStateException("session " + id + " is closed");
        }
        compacted = false;
        JitStore.CTL.setVolatile(control, ctl + JitStore.CTL_STATE, JitStore.IN_OP);
        if (store.phase != JitStore.REST) {
            awaitCheckpoint();
        }
        // The operation's serial; published by exit(), taken back if the operation fails.
        serial++;
    }

    /** Ends an operation: its serial is published; metric counters every 256 operations. */
    private void exit() {
        if ((++ops & 255) == 0) {
            publishCounters();
        }
        // Release: the log flusher reads the serial with acquire after our record's publication (commit durability).
        JitStore.CTL.setRelease(control, ctl + JitStore.CTL_SERIAL, serial);
        // Release: the serial and every store of the operation are visible to a checkpointer that sees IDLE.
        JitStore.CTL.setRelease(control, ctl + JitStore.CTL_STATE, JitStore.IDLE);
    }

    /** A checkpoint or compaction is quiescing sessions: step aside as IDLE until it releases us, then enter again. */
    private void awaitCheckpoint() {
        do {
            // Release: we are not inside an operation; our last exit already published the serial.
            JitStore.CTL.setRelease(control, ctl + JitStore.CTL_STATE, JitStore.IDLE);
            int spins = 0;
            while (store.phase != JitStore.REST) {
                if (++spins < 256) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
            JitStore.CTL.setVolatile(control, ctl + JitStore.CTL_STATE, JitStore.IN_OP);
        } while (store.phase != JitStore.REST);
    }

    /** Metric counters for the store's metrics reader (opaque loads there): racy by design, never torn. */
    private void publishCounters() {
        JitStore.CTL.setOpaque(control, ctl + JitStore.CTL_OPS, ops);
        JitStore.CTL.setOpaque(control, ctl + JitStore.CTL_PROBES, probeSteps);
        JitStore.CTL.setOpaque(control, ctl + JitStore.CTL_LIVE, liveDelta);
    }

    private void countProbe(final long steps) {
        probeSteps += steps;
        if (steps > maxProbe) {
            maxProbe = steps;
            control.set(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_MAX_PROBE, maxProbe);
        }
    }

    private void countRetry() {
        readRetries++;
        control.set(ValueLayout.JAVA_LONG, ctl + JitStore.CTL_RETRIES, readRetries);
    }

    private static long keyOf(final MemorySegment key) {
        if (key.byteSize() != Long.BYTES) {
            throw new StoreException("key of " + key.byteSize() + " bytes: this store's keys are 8-byte ids"
                + " (workload.key_format id8); pass an 8-byte key");
        }
        return key.get(LE_LONG, 0);
    }

    private static int valueLength(final MemorySegment value) {
        final long size = value.byteSize();
        if (!JitStore.allowedValueSize(size)) {
            throw new ValueSizeException(size, JitStore.VALUE_SIZES_TEXT);
        }
        return (int) size;
    }
}
