package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.ATOMIC_INT;
import static io.jitskit.engine.log.Layout.ATOMIC_LONG;
import static io.jitskit.engine.log.Layout.BUSY;
import static io.jitskit.engine.log.Layout.EMPTY;
import static io.jitskit.engine.log.Layout.KEY_OFFSET;
import static io.jitskit.engine.log.Layout.META_OFFSET;
import static io.jitskit.engine.log.Layout.SLOT_BYTES;
import static io.jitskit.engine.log.Layout.TAG_TOMBSTONE;
import static io.jitskit.engine.log.Layout.tag;

import io.jitskit.api.StoreException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The off-heap index: {@link #SLOTS} 16-byte slots (key, meta) probed linearly from the key's home slot, a power of
 * two. Never resized: the card gives the key count.
 *
 * <p>Concurrency. A slot's meta is the only word that changes under contention, by CAS. A slot's key changes only
 * while its meta is BUSY: when an EMPTY slot is claimed (once in the slot's life) or a tombstone of another key is
 * taken over. Readers read meta (acquire), then the key, then meta again; equal metas mean the pair was consistent,
 * because LOG and TOMBSTONE metas are unique for the store's life (see {@link Layout}). A new key enters only under
 * its stripe lock, so two inserters of one key cannot claim two slots.
 */
final class HashIndex {

    static final long SLOTS = StoreConfig.INDEX_SLOTS;
    static final long SLOT_MASK = SLOTS - 1;
    /** Slots that may ever leave EMPTY; past it a claim fails loudly instead of probing forever. */
    static final long MAX_CLAIMED = StoreConfig.INDEX_MAX_CLAIMED;
    static final int STRIPES = StoreConfig.STRIPES;
    /** Returned by {@link #find} for an absent key. */
    static final long ABSENT = -1;

    final MemorySegment table;
    private final MemorySegment stripes;
    private final AtomicLong claimed = new AtomicLong();

    HashIndex(final Arena arena) {
        // Block-aligned so the checkpoint writes it with O_DIRECT straight from here.
        this.table = arena.allocate(SLOTS * SLOT_BYTES, 4096);
        this.stripes = arena.allocate((long) STRIPES * Integer.BYTES, Long.BYTES);
    }

    static long slotOffset(final long slot) {
        return slot * SLOT_BYTES;
    }

    long metaAcquire(final long slotOffset) {
        return (long) ATOMIC_LONG.getAcquire(table, slotOffset + META_OFFSET);
    }

    long metaPlain(final long slotOffset) {
        return (long) ATOMIC_LONG.get(table, slotOffset + META_OFFSET);
    }

    boolean casMeta(final long slotOffset, final long expected, final long next) {
        // Volatile CAS: releases the record bytes (or key) written before it, acquires whatever the last writer did.
        return ATOMIC_LONG.compareAndSet(table, slotOffset + META_OFFSET, expected, next);
    }

    void releaseMeta(final long slotOffset, final long meta) {
        // Release: the key written under BUSY and the record the meta names are visible to an acquiring reader.
        ATOMIC_LONG.setRelease(table, slotOffset + META_OFFSET, meta);
    }

    long keyAt(final long slotOffset) {
        return (long) ATOMIC_LONG.get(table, slotOffset + KEY_OFFSET);
    }

    long claimedSlots() {
        return claimed.get();
    }

    /** Recovery: the number of slots an index snapshot had claimed. */
    void restoreClaimed(final long n) {
        claimed.set(n);
    }

    /**
     * The offset of {@code key}'s slot (whatever its meta: live or tombstone), or {@link #ABSENT}. {@code found[0]}
     * receives the meta read consistently with the key.
     */
    long find(final long key, final long hash, final long[] found) {
        long slot = hash & SLOT_MASK;
        for (long probes = 0; probes < SLOTS; probes++) {
            final long at = slotOffset(slot);
            final long m1 = metaAcquire(at);
            if (m1 == EMPTY) {
                return ABSENT;
            }
            if (m1 == BUSY) {
                Thread.onSpinWait();
                probes--;
                continue;
            }
            final long k = keyAt(at);
            // Orders the key load before the second meta load: equal metas bracket a stable key.
            VarHandle.loadLoadFence();
            if ((long) ATOMIC_LONG.getOpaque(table, at + META_OFFSET) != m1) {
                probes--;
                continue;
            }
            if (k == key) {
                found[0] = m1;
                return at;
            }
            slot = (slot + 1) & SLOT_MASK;
        }
        return ABSENT;
    }

    /**
     * Claims a slot for {@code key}, known absent, under the key's stripe lock: the first tombstone of another key
     * on its chain, else the EMPTY slot that ends the chain. On return the slot's meta is BUSY and its key written;
     * the caller publishes the real meta with {@link #releaseMeta} and must not block in between.
     *
     * @return the claimed slot's offset, or the offset of {@code key}'s own slot found meanwhile, tagged by
     *         {@code found[1] == 0} (claimed) or {@code 1} (present: use its meta {@code found[0]})
     */
    long claim(final long key, final long hash, final long[] found) {
        final int stripe = (int) (hash >>> 40) & (STRIPES - 1);
        lockStripe(stripe);
        try {
            retry:
            while (true) {
                long slot = hash & SLOT_MASK;
                long tombstone = ABSENT;
                long tombstoneMeta = 0;
                for (long probes = 0; probes < SLOTS; probes++) {
                    final long at = slotOffset(slot);
                    final long m1 = metaAcquire(at);
                    if (m1 == BUSY) {
                        Thread.onSpinWait();
                        probes--;
                        continue;
                    }
                    if (m1 == EMPTY) {
                        if (tombstone != ABSENT) {
                            // Unique tombstone metas: a successful CAS means nobody touched the slot since we read it.
                            if (!casMeta(tombstone, tombstoneMeta, BUSY)) {
                                continue retry;
                            }
                            writeKey(tombstone, key);
                            found[1] = 0;
                            return tombstone;
                        }
                        if (claimed.get() >= MAX_CLAIMED) {
                            // The bound counts tombstones too; the caller compacts the index and asks again.
                            throw Full.INSTANCE;
                        }
                        if (!casMeta(at, EMPTY, BUSY)) {
                            probes--;
                            continue; // another stripe's key took it; look at it again once it is published
                        }
                        claimed.incrementAndGet();
                        writeKey(at, key);
                        found[1] = 0;
                        return at;
                    }
                    final long k = keyAt(at);
                    VarHandle.loadLoadFence();
                    if ((long) ATOMIC_LONG.getOpaque(table, at + META_OFFSET) != m1) {
                        probes--;
                        continue;
                    }
                    if (k == key) {
                        found[0] = m1;
                        found[1] = 1;
                        return at;
                    }
                    if (tombstone == ABSENT && tag(m1) == TAG_TOMBSTONE) {
                        tombstone = at;
                        tombstoneMeta = m1;
                    }
                    slot = (slot + 1) & SLOT_MASK;
                }
                throw new StoreException("index full: no EMPTY slot left in " + SLOTS + " slots; regenerate the store"
                    + " with a larger key count");
            }
        } finally {
            unlockStripe(stripe);
        }
    }

    /** The index is full even after {@link #compactInPlace}: the live keys themselves exceed the bound. */
    StoreException fullException() {
        return new StoreException("index full: " + claimed.get() + " of " + SLOTS + " slots hold live keys, the bound"
            + " sized from workload.keys; regenerate the store with a larger key count");
    }

    /**
     * Drops every tombstone and moves each live key back to the first free slot of its chain, so that a table whose
     * claimed slots are mostly tombstones of deleted keys (a time-ordered window: new keys rarely probe through the
     * old keys' tombstones) has room again. Runs only while nothing else touches the index: sessions quiesced, the
     * compactor and checkpoints held off by the store's maintenance lock.
     *
     * <p>One forward pass suffices when it starts at a slot that was EMPTY before the tombstones went: no chain
     * crosses such a slot, so each key's chain lies among the slots the pass visited before it; moving a key only
     * fills an EMPTY slot on its own chain and empties a slot the pass has not reached.
     *
     * @return the slots freed
     */
    long compactInPlace() {
        final long before = claimed.get();
        long start = -1;
        for (long s = 0; s < SLOTS; s++) {
            final long m = metaPlain(slotOffset(s));
            if (m == EMPTY && start < 0) {
                start = s;
            } else if (tag(m) == TAG_TOMBSTONE) {
                ATOMIC_LONG.set(table, slotOffset(s) + META_OFFSET, EMPTY);
            }
        }
        if (start < 0) {
            throw new IllegalStateException("no EMPTY slot in the index: the claimed bound was not enforced");
        }
        long live = 0;
        for (long i = 1; i <= SLOTS; i++) {
            final long p = (start + i) & SLOT_MASK;
            final long pAt = slotOffset(p);
            final long m = metaPlain(pAt);
            if (m == EMPTY) {
                continue;
            }
            live++;
            final long key = keyAt(pAt);
            for (long j = Layout.hash(key) & SLOT_MASK; j != p; j = (j + 1) & SLOT_MASK) {
                final long jAt = slotOffset(j);
                if (metaPlain(jAt) == EMPTY) {
                    ATOMIC_LONG.set(table, jAt + KEY_OFFSET, key);
                    ATOMIC_LONG.set(table, jAt + META_OFFSET, m);
                    ATOMIC_LONG.set(table, pAt + META_OFFSET, EMPTY);
                    break;
                }
            }
        }
        claimed.set(live);
        return before - live;
    }

    /** Thrown by {@link #claim} at the claimed-slot bound; preallocated, without a stack trace. */
    static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Full INSTANCE = new Full();

        private Full() {
            super("index at its claimed-slot bound", null, false, false);
        }
    }

    private void writeKey(final long at, final long key) {
        // Plain is enough: the key is read only after an acquire of the meta that the claimer releases afterwards.
        ATOMIC_LONG.set(table, at + KEY_OFFSET, key);
    }

    private void lockStripe(final int stripe) {
        final long at = (long) stripe * Integer.BYTES;
        // Acquire on success (the CAS is volatile): the previous holder's claim is visible to us.
        while (!ATOMIC_INT.compareAndSet(stripes, at, 0, 1)) {
            Thread.onSpinWait();
        }
    }

    private void unlockStripe(final int stripe) {
        // Release: our claim (key, BUSY) happens-before the next holder's probe.
        ATOMIC_INT.setRelease(stripes, (long) stripe * Integer.BYTES, 0);
    }
}
