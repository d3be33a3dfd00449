package io.jitskit.engine.memory;

import static io.jitskit.engine.memory.SlotLayout.INLINE_BYTES;
import static io.jitskit.engine.memory.SlotLayout.KEY_OFFSET;
import static io.jitskit.engine.memory.SlotLayout.LE_LONG;
import static io.jitskit.engine.memory.SlotLayout.LIVE;
import static io.jitskit.engine.memory.SlotLayout.LOCK;
import static io.jitskit.engine.memory.SlotLayout.META;
import static io.jitskit.engine.memory.SlotLayout.PAYLOAD_OFFSET;
import static io.jitskit.engine.memory.SlotLayout.SLOTS_PER_SHARD;
import static io.jitskit.engine.memory.SlotLayout.SLOT_BYTES;
import static io.jitskit.engine.memory.SlotLayout.TOMBSTONE;
import static io.jitskit.engine.memory.SlotLayout.isEmpty;
import static io.jitskit.engine.memory.SlotLayout.isLocked;
import static io.jitskit.engine.memory.SlotLayout.lengthOf;
import static io.jitskit.engine.memory.SlotLayout.meta;
import static io.jitskit.engine.memory.SlotLayout.metaAcquire;
import static io.jitskit.engine.memory.SlotLayout.stateOf;
import static io.jitskit.engine.memory.SlotLayout.versionOf;

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

    /** How far a delete looks for the end of its run before purging tombstones backwards from there. */
    private static final int PURGE_LOOKAHEAD = 32;

    private final JitStore store;
    private final int id;
    /**
     * The shards, and shard 0 on its own: an unsharded store ({@code !StoreConfig.SHARDED}) reads {@link #table}
     * and never indexes the array (a load and a bounds check per operation saved; both fields cost nothing else).
     */
    private final MemorySegment[] shards;
    private final MemorySegment table;
    private final MemorySegment control;
    /** Offset of this session's control block in {@link #control}. */
    private final long ctl;
    /** The store's slab and this session's allocation cache; null without {@code StoreConfig.SLAB}. */
    private final ValueSlab slab;
    private final ValueSlab.ThreadCache cache;
    /** This session's commit log; null without {@code StoreConfig.COMMIT_LOG}. */
    private final SessionLog log;
    /** Per shard, EMPTY slots this session may still claim without touching the shared counter. */
    private final long[] emptyBudget = new long[SlotLayout.SHARDS];
    /** Per shard, the index compaction the budget was reserved under (deletes): a compaction recounts and voids it. */
    private final long[] budgetGeneration = new long[SlotLayout.SHARDS];

    private long serial;
    private long ops;
    private long probeSteps;
    private long maxProbe;
    private long readRetries;
    private long liveDelta;
    /** Out-parameter of {@link #lockKey} and {@link #claim}: the version word the lock CAS replaced. */
    private long lockedMeta;
    /** Variable keys: the current operation's key, compared in place against the key bytes in front of a value. */
    private MemorySegment opKey;
    private int opKeyLength;
    /** Whether the current operation already compacted the index once (a second full shard is really full). */
    private boolean compacted;
    private boolean closed;

    JitSession(final JitStore store, final int id, final long recoveredSerial) {
        this.store = store;
        this.id = id;
        this.shards = store.shards();
        this.table = store.table();
        this.control = store.control();
        this.ctl = JitStore.controlBlock(id);
        this.slab = store.slab();
        this.cache = StoreConfig.SLAB ? slab.newCache() : null;
        this.log = StoreConfig.COMMIT_LOG ? store.logOf(id) : null;
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
            if (StoreConfig.COMMIT_LOG) {
                log.appendUpsert(serial, k, versionOf(lockedMeta) + 1, value, len, false, 0);
            }
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
        if (!StoreConfig.RMW) {
            throw new UnsupportedOperationException("rmw is not in this store's spec (requirements.operations = "
                + StoreConfig.OPERATIONS_TEXT + "); regenerate the store for a card that requires rmw");
        }
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
                if (StoreConfig.COMMIT_LOG) {
                    log.appendUpsert(serial, k, versionOf(m) + 1, initial, initialLen, true, counter);
                }
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
            if (StoreConfig.ALL_INLINE || StoreConfig.SOME_INLINE && len <= INLINE_BYTES) {
                base = t;
                at = off + PAYLOAD_OFFSET;
            } else {
                final long ref = t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
                base = slab.page(ref);
                at = valueOffset(ref);
            }
            final long counter = base.get(LE_LONG, at) + delta;
            base.set(LE_LONG, at, counter);
            // Release: the counter store is visible no later than the advanced version; a reader that copied the old
            // counter mid-update sees the version move and retries.
            META.setRelease(t, off, meta(versionOf(m) + 1, LIVE, len));
            if (StoreConfig.COMMIT_LOG) {
                log.appendDelta(serial, k, versionOf(m) + 1, delta);
            }
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
        if (!StoreConfig.DELETE) {
            throw new UnsupportedOperationException("delete is not in this store's spec (requirements.operations = "
                + StoreConfig.OPERATIONS_TEXT + "); regenerate the store for a card that requires delete");
        }
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
            long freeRef = 0;
            if (StoreConfig.SLAB && (!StoreConfig.SOME_INLINE || lengthOf(m) > INLINE_BYTES)) {
                freeRef = t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
            }
            // Release: the tombstone keeps the key, so probe chains through this slot stay intact.
            META.setRelease(t, off, meta(versionOf(m) + 1, TOMBSTONE, 0));
            liveDelta--;
            if (StoreConfig.SLAB && freeRef != 0) {
                // After the release: a reader still copying the old value read version m and will fail validation.
                cache.free(freeRef);
            }
            if (StoreConfig.COMMIT_LOG) {
                log.appendDelete(serial, k, versionOf(m) + 1);
            }
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
        if (!StoreConfig.INSERT) {
            throw new UnsupportedOperationException("insert is not in this store's spec (requirements.operations = "
                + StoreConfig.OPERATIONS_TEXT + "); regenerate the store for a card that requires insert");
        }
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
            if (StoreConfig.COMMIT_LOG) {
                log.appendUpsert(serial, k, versionOf(lockedMeta) + 1, value, len, false, 0);
            }
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
            if (StoreConfig.SLAB) {
                cache.release();
            }
            store.sessionClosed(this);
        }
    }

    /**
     * Gives the unspent claim budgets back to the shards' counters. Called by the store under its sessions lock, which
     * an index compaction holds throughout, so a budget is never returned into a recount it was not part of.
     */
    void returnClaimBudgets() {
        for (int s = 0; s < emptyBudget.length; s++) {
            if (StoreConfig.DELETE) {
                syncBudget(s);
            }
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
            long ref = 0;
            if (StoreConfig.VARIABLE_KEYS) {
                // A tombstone keeps its tag but no key bytes: it is a deleted key's, never ours.
                ref = stateOf(m) == LIVE ? keyMatch(t, off, m) : 0;
                if (ref < 0) {
                    countRetry();
                    continue;
                }
                if (ref == 0) {
                    // A tombstone or another key with our tag: probe on.
                    slot = SlotLayout.nextSlot(slot);
                    if (++steps > SLOTS_PER_SHARD) {
                        throw store.noChainEnd();
                    }
                    continue;
                }
            } else if (stateOf(m) != LIVE) {
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
            if (StoreConfig.VARIABLE_KEYS) {
                // The chunk of version m (validated by keyMatch); if it is reused meanwhile, the re-load below says so.
                MemorySegment.copy(slab.page(ref), valueOffset(ref), out, 0, len);
            } else if (StoreConfig.ALL_INLINE || StoreConfig.SOME_INLINE && len <= INLINE_BYTES) {
                MemorySegment.copy(t, off + PAYLOAD_OFFSET, out, 0, copyLength(len));
            } else if (!copyFromSlab(t, off, m, out, copyLength(len))) {
                countRetry();
                continue;
            }
            // LoadLoad: the payload loads above complete before the validating re-load of the version word.
            VarHandle.loadLoadFence();
            if ((long) META.getOpaque(t, off) == m) {
                countProbe(steps);
                return len;
            }
            countRetry();
        }
    }

    /**
     * The length of a value copy: with one allowed size, that size as a constant, so the JIT can unroll the copy;
     * else the slot's length.
     */
    private static int copyLength(final int len) {
        return StoreConfig.VALUE_SIZE_MIN == StoreConfig.VALUE_SIZE_MAX ? StoreConfig.VALUE_SIZE_MAX : len;
    }

    /**
     * Copies a slab value of version {@code m}; false when the slot moved on before the reference could be trusted.
     * The reference is validated before it is followed, so it always names a chunk that held this slot's value at
     * version m. That chunk may be freed and reused while we copy; reuse happens only after the slot's version moved
     * past m, so the caller's final validation rejects whatever we copied.
     */
    private boolean copyFromSlab(final MemorySegment t, final long off, final long m, final MemorySegment out,
                                 final int len) {
        final long ref = t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
        // LoadLoad: the reference load completes before the re-load that vouches for it.
        VarHandle.loadLoadFence();
        if ((long) META.getOpaque(t, off) != m) {
            return false;
        }
        slab.copyOut(ref, out, len);
        return true;
    }

    /**
     * Variable keys: whether the live slot at {@code off}, seen unlocked at version {@code m} with the operation's
     * tag, holds the operation's key: the chunk reference when it does, 0 when another key shares the tag, -1 when
     * the slot moved on and must be looked at again. The reference is validated before it is followed and the
     * comparison after it, so a chunk freed and reused meanwhile is never mistaken for a match or for a mismatch.
     * Equal tags imply equal lengths, so the compare stays inside the chunk.
     */
    private long keyMatch(final MemorySegment t, final long off, final long m) {
        final long ref = t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET);
        // LoadLoad: the reference load completes before the re-load that vouches for it.
        VarHandle.loadLoadFence();
        if ((long) META.getOpaque(t, off) != m) {
            return -1;
        }
        final long at = ValueSlab.offsetOf(ref);
        final boolean same = MemorySegment.mismatch(slab.page(ref), at, at + opKeyLength, opKey, 0, opKeyLength) < 0;
        // LoadLoad: the key bytes are compared before the re-load that proves they were this version's.
        VarHandle.loadLoadFence();
        if ((long) META.getOpaque(t, off) != m) {
            return -1;
        }
        return same ? ref : 0;
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
            if (StoreConfig.VARIABLE_KEYS) {
                final long ref = stateOf(m) == LIVE ? keyMatch(t, off, m) : 0;
                if (ref < 0) {
                    continue;
                }
                if (ref == 0) {
                    // A tombstone (never ours: it keeps no key bytes) or another key with our tag.
                    slot = SlotLayout.nextSlot(slot);
                    if (++steps > SLOTS_PER_SHARD) {
                        throw store.noChainEnd();
                    }
                    continue;
                }
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
            if (!StoreConfig.DELETE) {
                return claim(t, k, h);
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
     * <p>With deletes, claims run under the stripe lock of the key's hash: a new key may take over a tombstone of
     * another key, and without the stripe two sessions inserting the same key could take two different tombstones.
     * Under the stripe no other thread creates a slot for this key, so one scan to the chain's EMPTY end decides
     * absence. Without deletes there are no tombstones, so the only reusable slot is the chain's first EMPTY one: two
     * sessions inserting the same key race for the same slot by CAS, and the loser finds the winner's key on rescan.
     */
    private long claim(final MemorySegment t, final long key, final long h) {
        if (!StoreConfig.DELETE) {
            while (true) {
                final long off = claimScan(t, key, h);
                if (off >= 0) {
                    return off;
                }
            }
        }
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
                if (StoreConfig.DELETE && reuseOff >= 0) {
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
            if (t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) == key
                && (!StoreConfig.VARIABLE_KEYS || stateOf(m) == LIVE)) {
                if (isLocked(m)) {
                    Thread.onSpinWait();
                    continue;
                }
                // Variable keys: the tag matched; the key bytes decide (another key with our tag is probed past).
                final long ref = StoreConfig.VARIABLE_KEYS ? keyMatch(t, off, m) : 1;
                if (ref < 0) {
                    continue;
                }
                if (ref > 0) {
                    if (META.compareAndSet(t, off, m, m | LOCK)) {
                        lockedMeta = m;
                        countProbe(steps);
                        return off;
                    }
                    continue;
                }
            }
            if (StoreConfig.DELETE && reuseOff < 0 && stateOf(m) == TOMBSTONE && !isLocked(m)) {
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
        if (StoreConfig.DELETE) {
            syncBudget(shardIndex);
        }
        if (emptyBudget[shardIndex] == 0) {
            emptyBudget[shardIndex] = store.reserveEmptySlots(shardIndex);
            if (emptyBudget[shardIndex] == 0) {
                if (StoreConfig.DELETE && !compacted) {
                    throw CompactionNeeded.INSTANCE;
                }
                throw store.indexFull(shardIndex);
            }
        }
        emptyBudget[shardIndex]--;
    }

    /**
     * Deletes only: drops a budget reserved before the shard's last compaction. The compaction set the shard's counter
     * to the slots really in use, which no longer includes that reservation: claiming from it would go uncounted, and
     * returning it would take from the new count (the counter went negative). A plain read of the generation is
     * current: inside an operation, this session read the phase (volatile) on entry, and compactions run with every
     * session quiesced; on close, it holds the sessions lock, which a compaction holds from start to end.
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
        long freeRef = 0;
        if (StoreConfig.ALL_INLINE) {
            MemorySegment.copy(value, 0, t, off + PAYLOAD_OFFSET, copyLength(len));
            if (patchCounter) {
                t.set(LE_LONG, off + PAYLOAD_OFFSET, counter);
            }
        } else {
            final boolean oldInSlab = StoreConfig.SOME_INLINE
                ? oldState == LIVE && lengthOf(m) > INLINE_BYTES : oldState == LIVE;
            final long oldRef = oldInSlab ? t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET) : 0;
            if (StoreConfig.SOME_INLINE && len <= INLINE_BYTES) {
                MemorySegment.copy(value, 0, t, off + PAYLOAD_OFFSET, len);
                if (patchCounter) {
                    t.set(LE_LONG, off + PAYLOAD_OFFSET, counter);
                }
                freeRef = oldRef;
            } else {
                final int cls = chunkClass(len);
                final long ref;
                if (oldInSlab && ValueSlab.classOfRef(oldRef) == cls) {
                    // Same size class: overwrite in place. Safe only because the word is odd now and the release below
                    // advances the version: a reader copying meanwhile fails validation (the gallery's I.3 kept the
                    // word). With variable keys the key bytes in front of the value stay as they are: same key.
                    ref = oldRef;
                } else {
                    ref = allocateOrUnlock(t, off, m, cls);
                    freeRef = oldRef;
                    t.set(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET, ref);
                    if (StoreConfig.VARIABLE_KEYS) {
                        MemorySegment.copy(opKey, 0, slab.page(ref), ValueSlab.offsetOf(ref), opKeyLength);
                    }
                }
                if (StoreConfig.VARIABLE_KEYS) {
                    MemorySegment.copy(value, 0, slab.page(ref), valueOffset(ref), len);
                } else {
                    slab.copyIn(value, ref, len);
                }
                if (patchCounter) {
                    slab.page(ref).set(LE_LONG, valueOffset(ref), counter);
                }
            }
        }
        // Release: key, payload and slab bytes written above are visible no later than the new version word.
        META.setRelease(t, off, meta(versionOf(m) + 1, LIVE, len));
        if (oldState != LIVE) {
            liveDelta++;
        }
        if (StoreConfig.SLAB && freeRef != 0) {
            // Freed after the release: only readers that loaded the previous version can still touch the old chunk,
            // and they will fail validation.
            cache.free(freeRef);
        }
    }

    /** Allocates a chunk; when the slab is exhausted, releases the slot unchanged in content before rethrowing. */
    private long allocateOrUnlock(final MemorySegment t, final long off, final long m, final int cls) {
        try {
            return cache.allocate(cls);
        } catch (final StoreException e) {
            // Nothing of the value was written. A live slot keeps its old value; a claimed slot becomes a tombstone of
            // this key (absent), which keeps its probe chain intact. Either way the version advances.
            final boolean live = stateOf(m) == LIVE;
            META.setRelease(t, off, meta(versionOf(m) + 1, live ? LIVE : TOMBSTONE, live ? lengthOf(m) : 0));
            throw e;
        }
    }

    /** The size class of the chunk that holds a value of {@code len} bytes (after the key, with variable keys). */
    private int chunkClass(final int len) {
        return ValueSlab.classOf(StoreConfig.VARIABLE_KEYS ? opKeyLength + len : len);
    }

    /** Where the value starts in the chunk {@code ref}: after the key's bytes, with variable keys. */
    private long valueOffset(final long ref) {
        return StoreConfig.VARIABLE_KEYS ? ValueSlab.offsetOf(ref) + opKeyLength : ValueSlab.offsetOf(ref);
    }

    /* ------------------------------------------------------------------ entry, exit, checks */

    private MemorySegment shardOf(final long h) {
        return StoreConfig.SHARDED ? shards[store.shardIndex(h)] : table;
    }

    /**
     * Marks the session inside an operation. With {@code StoreConfig.QUIESCE}: a Dekker handshake with a quiescing
     * thread (checkpoint or compaction): we store IN_OP then load the phase, it stores QUIESCE then loads our state;
     * the volatile store orders our pair (StoreLoad), so at least one side sees the other. Otherwise no checkpoint or
     * compaction ever waits for us, so nothing is published here.
     */
    private void enter() {
        if (closed) {
            throw new IllegalStateException("session " + id + " is closed");
        }
        if (StoreConfig.DELETE) {
            compacted = false;
        }
        if (StoreConfig.QUIESCE) {
            JitStore.CTL.setVolatile(control, ctl + JitStore.CTL_STATE, JitStore.IN_OP);
            if (store.phase != JitStore.REST) {
                awaitCheckpoint();
            }
        }
        // The operation's serial; published by exit(), taken back if the operation fails.
        serial++;
    }

    /** Ends an operation: its serial is published; metric counters every 256 operations. */
    private void exit() {
        if ((++ops & 255) == 0) {
            publishCounters();
        }
        // Release: the log flusher reads the serial with acquire after our record's publication (commit durability),
        // and metrics readers that load it with acquire see the counters written before it.
        JitStore.CTL.setRelease(control, ctl + JitStore.CTL_SERIAL, serial);
        if (StoreConfig.QUIESCE) {
            // Release: the serial and every store of the operation are visible to a checkpointer that sees IDLE.
            JitStore.CTL.setRelease(control, ctl + JitStore.CTL_STATE, JitStore.IDLE);
        }
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

    /**
     * Validates the key and returns what the slot stores: the 8 bytes of an id key, or with variable keys the key's
     * tag, remembering the key for the comparisons of this operation.
     */
    private long keyOf(final MemorySegment key) {
        if (!StoreConfig.VARIABLE_KEYS) {
            if (key.byteSize() != Long.BYTES) {
                throw new StoreException("key of " + key.byteSize() + " bytes: this store's keys are 8-byte ids"
                    + " (workload.key_format id8); pass an 8-byte key");
            }
            return key.get(LE_LONG, 0);
        }
        final long size = key.byteSize();
        if (!JitStore.allowedKeySize(size)) {
            throw new StoreException("key of " + size + " bytes: this store's keys are " + StoreConfig.KEY_SIZES_TEXT
                + " (workload.keys.format); pass a key of an allowed length");
        }
        opKey = key;
        opKeyLength = (int) size;
        return tagOf(key, opKeyLength);
    }

    /**
     * A key's tag: 48 bits of a hash of every byte over the 16-bit length. Equal keys have equal tags; equal tags are
     * confirmed byte by byte. Keys of 32 bytes or more run four independent multiply-xorshift lanes over 32-byte
     * blocks, so the multiplies of one block overlap instead of waiting on each other (a single chain costs a
     * multiply's latency per 8 bytes); the lanes fold into the chain that takes the remaining words. Then the fmix64
     * finalizer.
     */
    static long tagOf(final MemorySegment key, final int length) {
        long h = 0x9E37_79B9_7F4A_7C15L ^ length;
        int i = 0;
        if (length >= 32) {
            long a = h;
            long b = h + 0x632B_E59B_D9B4_E019L;
            long c = h + 0x8CB9_2BA7_2F3D_8DD7L;
            long d = h - 0x9E37_79B9_7F4A_7C15L;
            for (; i + 32 <= length; i += 32) {
                a = (a ^ key.get(LE_LONG, i)) * 0xBF58_476D_1CE4_E5B9L;
                b = (b ^ key.get(LE_LONG, i + 8)) * 0xBF58_476D_1CE4_E5B9L;
                c = (c ^ key.get(LE_LONG, i + 16)) * 0xBF58_476D_1CE4_E5B9L;
                d = (d ^ key.get(LE_LONG, i + 24)) * 0xBF58_476D_1CE4_E5B9L;
                a ^= a >>> 31;
                b ^= b >>> 31;
                c ^= c >>> 31;
                d ^= d >>> 31;
            }
            h = mixWord(mixWord(mixWord(a, b), c), d);
        }
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = mixWord(h, key.get(LE_LONG, i));
        }
        if (i < length) {
            // Keys are at least 8 bytes (KeyFormat.Variable), so the last 8 end at the key's end: shifted, they leave
            // bytes [i, length) at the low end.
            h = mixWord(h, key.get(LE_LONG, length - Long.BYTES) >>> ((i + Long.BYTES - length) << 3));
        }
        h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return (h & ~0xFFFFL) | length;
    }

    private static long mixWord(final long h, final long word) {
        final long m = (h ^ word) * 0xBF58_476D_1CE4_E5B9L;
        return m ^ (m >>> 31);
    }

    private static int valueLength(final MemorySegment value) {
        final long size = value.byteSize();
        if (!JitStore.allowedValueSize(size)) {
            throw new ValueSizeException(size, StoreConfig.VALUE_SIZES_TEXT);
        }
        return (int) size;
    }
}
