package io.jitskit.generated.golden_mem_varkey.d60bfcfdf;

import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.INLINE_BYTES;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.KEY_OFFSET;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.LE_LONG;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.LIVE;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.LOCK;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.META;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.PAYLOAD_OFFSET;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.SLOTS_PER_SHARD;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.SLOT_BYTES;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.TOMBSTONE;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.isEmpty;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.isLocked;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.lengthOf;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.meta;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.metaAcquire;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.stateOf;
import static io.jitskit.generated.golden_mem_varkey.d60bfcfdf.SlotLayout.versionOf;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.StoreException;
import io.jitskit.api.ValueSizeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

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
    private final ValueSlab slab;
    private final ValueSlab.ThreadCache cache;
    /** Per shard, EMPTY slots this session may still claim without touching the shared counter. */
    private final long[] emptyBudget = new long[SlotLayout.SHARDS];

    private long serial;
    private long ops;
    private long probeSteps;
    private long maxProbe;
    private long readRetries;
    private long liveDelta;
    /** Out-parameter of {@link #lockKey} and {@link #claim}: the version word the lock CAS replaced. */
    private long lockedMeta;
    /** The current operation's key: compared in place against the key bytes in front of a chunk's value. */
    private MemorySegment opKey;
    private int opKeyLength;
    private boolean closed;

    JitSession(final JitStore store, final int id, final long recoveredSerial) {
        this.store = store;
        this.id = id;
        this.table = store.table();
        this.control = store.control();
        this.ctl = JitStore.controlBlock(id);
        this.slab = store.slab();
        this.cache = slab.newCache();
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
        throw new UnsupportedOperationException("rmw is not in this store's spec (requirements.operations = "
            + JitStore.OPERATIONS + "); regenerate the store for a card that requires rmw");
    }

    @Override
    public boolean delete(final MemorySegment key) {
        throw new UnsupportedOperationException("delete is not in this store's spec (requirements.operations = "
            + JitStore.OPERATIONS + "); regenerate the store for a card that requires delete");
    }

    @Override
    public boolean insert(final MemorySegment key, final MemorySegment value) {
        throw new UnsupportedOperationException("insert is not in this store's spec (requirements.operations = "
            + JitStore.OPERATIONS + "); regenerate the store for a card that requires insert");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            publishCounters();
            cache.release();
            store.sessionClosed(this);
        }
    }

    /**
     * Gives the unspent claim budgets back to the shards' counters. Called by the store under its sessions lock, which
     * an index compaction holds throughout, so a budget is never returned into a recount it was not part of.
     */
    void returnClaimBudgets() {
        for (int s = 0; s < emptyBudget.length; s++) {
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
            // A tombstone keeps its tag but no key bytes: it is a deleted key's, never ours.
            final long ref = stateOf(m) == LIVE ? keyMatch(t, off, m) : 0;
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
            // The chunk of version m (validated by keyMatch); if it is reused meanwhile, the re-load below says so.
            MemorySegment.copy(slab.page(ref), valueOffset(ref), out, 0, len);
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
     * Whether the live slot at {@code off}, seen unlocked at version {@code m} with the operation's tag, holds the
     * operation's key: the chunk reference when it does, 0 when another key shares the tag, -1 when the slot moved on
     * and must be looked at again. The reference is validated before it is followed and the comparison after it, so a
     * chunk freed and reused meanwhile is never mistaken for a match or for a mismatch. Equal tags imply equal
     * lengths, so the compare stays inside the chunk.
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
            return claim(t, k, h);
        }
    }

    /**
     * Gives the key a slot: the first reusable slot of its probe chain, locked, with the key written. If the key
     * appeared meanwhile (another session inserted it), locks that slot instead. The replaced word, with the version
     * the new value must exceed, is left in {@link #lockedMeta}.
     *
     * <p>Without deletes there are no tombstones, so the only reusable slot is the chain's first EMPTY one: two
     * sessions inserting the same key race for the same slot by CAS, and the loser finds the winner's key on rescan.
     */
    private long claim(final MemorySegment t, final long key, final long h) {
            while (true) {
                final long off = claimScan(t, key, h);
                if (off >= 0) {
                    return off;
                }
            }
    }

    /** One scan of {@link #claim}; -1 when a CAS lost a race and the scan must start over. */
    private long claimScan(final MemorySegment t, final long key, final long h) {
        long slot = SlotLayout.homeSlot(h);
        long steps = 1;
        while (true) {
            final long off = slot * SLOT_BYTES;
            final long m = metaAcquire(t, off);
            if (isLocked(m) && stateOf(m) != LIVE) {
                Thread.onSpinWait();
                continue;
            }
            if (isEmpty(m)) {
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
            if (t.get(ValueLayout.JAVA_LONG, off + KEY_OFFSET) == key && stateOf(m) == LIVE) {
                if (isLocked(m)) {
                    Thread.onSpinWait();
                    continue;
                }
                final long ref = keyMatch(t, off, m);
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
                // Another key with our tag: probe on.
            }
            slot = SlotLayout.nextSlot(slot);
            if (++steps > SLOTS_PER_SHARD) {
                throw store.noChainEnd();
            }
        }
    }

    /** Takes one EMPTY-slot claim from this session's budget, refilling it from the shard's counter in batches. */
    private void reserveEmpty(final int shardIndex) {
        if (emptyBudget[shardIndex] == 0) {
            emptyBudget[shardIndex] = store.reserveEmptySlots(shardIndex);
            if (emptyBudget[shardIndex] == 0) {
                throw store.indexFull(shardIndex);
            }
        }
        emptyBudget[shardIndex]--;
    }


    /**
     * Writes the value into the locked slot at {@code off} (whose replaced word is {@code m}) and releases the slot
     * with the version advanced. With {@code patchCounter}, the first 8 bytes become {@code counter} (rmw on an
     * absent key).
     */
    private void publishValue(final MemorySegment t, final long off, final long m, final MemorySegment value,
                              final int len, final boolean patchCounter, final long counter) {
        final int oldState = stateOf(m);
        final boolean oldInSlab = oldState == LIVE;
        final long oldRef = oldInSlab ? t.get(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET) : 0;
        long freeRef = 0;
        {
            final int cls = chunkClass(len);
            final long ref;
            if (oldInSlab && ValueSlab.classOfRef(oldRef) == cls) {
                // Same size class: overwrite in place. Safe only because the word is odd now and the release below
                // advances the version: a reader copying meanwhile fails validation (the gallery's I.3 kept the word).
                // With variable keys the key bytes in front of the value stay as they are: it is the same key.
                ref = oldRef;
            } else {
                ref = allocateOrUnlock(t, off, m, cls);
                freeRef = oldRef;
                t.set(ValueLayout.JAVA_LONG, off + PAYLOAD_OFFSET, ref);
                MemorySegment.copy(opKey, 0, slab.page(ref), ValueSlab.offsetOf(ref), opKeyLength);
            }
            MemorySegment.copy(value, 0, slab.page(ref), valueOffset(ref), len);
            if (patchCounter) {
                slab.page(ref).set(LE_LONG, valueOffset(ref), counter);
            }
        }
        // Release: key, payload and slab bytes written above are visible no later than the new version word.
        META.setRelease(t, off, meta(versionOf(m) + 1, LIVE, len));
        if (oldState != LIVE) {
            liveDelta++;
        }
        if (freeRef != 0) {
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
        return ValueSlab.classOf(opKeyLength + len);
    }

    /** Where the value starts in the chunk {@code ref}. */
    private long valueOffset(final long ref) {
        return ValueSlab.offsetOf(ref) + opKeyLength;
    }

    /* ------------------------------------------------------------------ entry, exit, checks */

    private MemorySegment shardOf(final long h) {
        return table;
    }

    /**
     * Marks the session inside an operation.
     * No checkpoint or compaction ever waits for us in this design, so nothing is published here.
     */
    private void enter() {
        if (closed) {
            throw new IllegalStateException("session " + id + " is closed");
        }
        // The operation's serial; published by exit(), taken back if the operation fails.
        serial++;
    }

    /** Ends an operation: its serial is published; metric counters every 256 operations. */
    private void exit() {
        if ((++ops & 255) == 0) {
            publishCounters();
        }
        // Release: metrics readers that load the serial with acquire see the counters written before it.
        JitStore.CTL.setRelease(control, ctl + JitStore.CTL_SERIAL, serial);
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

    /** Validates the key, remembers it for the comparisons of this operation, and returns its tag. */
    private long keyOf(final MemorySegment key) {
        final long size = key.byteSize();
        if (!JitStore.allowedKeySize(size)) {
            throw new StoreException("key of " + size + " bytes: this store's keys are " + JitStore.KEY_SIZES_TEXT
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
            throw new ValueSizeException(size, JitStore.VALUE_SIZES_TEXT);
        }
        return (int) size;
    }
}
