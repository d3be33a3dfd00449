package io.jitskit.engine.log;

import static io.jitskit.engine.log.Layout.ATOMIC_LONG;
import static io.jitskit.engine.log.Layout.INT;
import static io.jitskit.engine.log.Layout.LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A set-associative cache of records read from disk, keyed by the record's LOG meta word. A meta names one record
 * for the store's life, so an entry is never stale: an update gives the key a new meta, and the old entry simply
 * stops being asked for until eviction takes it. No invalidation, no coupling with writers.
 *
 * <pre>
 * entry ({@link #ENTRY_BYTES}):
 *   0          8          16         24       28
 *   | version  | meta     | key      | length | pad | value bytes ...
 *   version: even = stable, odd = being filled (a per-entry seqlock; every fill adds 2)
 * </pre>
 *
 * Eviction within a set: {@value #POLICY_NAME}. CLOCK gives every hit a reference bit, and the hand clears bits
 * until it finds an unreferenced way (second chance); FIFO just advances the hand. With W-TinyLFU admission a
 * candidate replaces the victim only if a 4-bit count-min sketch of key frequencies says it is more popular, so a
 * burst of one-time reads cannot flush the hot set. Reference bits, hands and sketch are racy plain bytes by design:
 * a lost update only perturbs a heuristic, never a value.
 */
final class ReadCache {

    static final String POLICY_NAME = StoreConfig.CACHE_POLICY_NAME;
    static final boolean CLOCK = StoreConfig.CACHE_CLOCK;
    static final boolean TINY_LFU = StoreConfig.CACHE_TINY_LFU;
    static final int SETS = StoreConfig.CACHE_SETS;
    static final int WAYS = StoreConfig.CACHE_WAYS;
    static final int ENTRY_BYTES = StoreConfig.CACHE_ENTRY_BYTES;
    static final int HEADER_BYTES = 32;
    /** 4-bit counters, 16 per long; four rows share the table (count-min). */
    static final int SKETCH_LONGS = StoreConfig.SKETCH_LONGS;
    /** Additions after which every counter halves, so the sketch follows a shifting popularity. */
    static final long SKETCH_SAMPLE = 10L * SETS * WAYS;

    private static final long VERSION = 0;
    private static final long META = 8;
    private static final long KEY = 16;
    private static final long LENGTH = 24;

    private final MemorySegment entries;
    private final byte[] referenced = new byte[SETS * WAYS];
    private final byte[] hands = new byte[SETS];
    private final long[] sketch = new long[SKETCH_LONGS];
    private long additions;

    ReadCache(final Arena arena) {
        this.entries = arena.allocate((long) SETS * WAYS * ENTRY_BYTES, 64);
    }

    static long bytes() {
        return (long) SETS * WAYS * ENTRY_BYTES + (long) SETS * WAYS + SETS + 8L * SKETCH_LONGS;
    }

    /** Fastrange (Lemire): any set count, no modulo. */
    private static int setOf(final long meta) {
        return (int) (((Layout.hash(meta) >>> 32) * SETS) >>> 32);
    }

    /**
     * Copies the value of the record {@code meta} names into {@code out} if cached.
     *
     * @return the value's length (copied only when it fits {@code out}), or -1 on a miss
     */
    int get(final long meta, final MemorySegment out) {
        final int set = setOf(meta);
        for (int way = 0; way < WAYS; way++) {
            final long at = ((long) set * WAYS + way) * ENTRY_BYTES;
            final long v1 = (long) ATOMIC_LONG.getAcquire(entries, at + VERSION);
            if ((v1 & 1) != 0 || entries.get(LONG, at + META) != meta) {
                continue;
            }
            final int length = entries.get(INT, at + LENGTH);
            if (length >= 0 && length <= ENTRY_BYTES - HEADER_BYTES && length <= out.byteSize()) {
                MemorySegment.copy(entries, at + HEADER_BYTES, out, 0, length);
            }
            // Orders the copy before the version re-read (seqlock reader).
            VarHandle.loadLoadFence();
            if ((long) ATOMIC_LONG.getOpaque(entries, at + VERSION) != v1) {
                return -1;
            }
            if (CLOCK) {
                referenced[set * WAYS + way] = 1;
            }
            return length;
        }
        return -1;
    }

    /** Counts one access of {@code keyHash} for admission; a no-op without W-TinyLFU. */
    void recordAccess(final long keyHash) {
        if (!TINY_LFU) {
            return;
        }
        for (int row = 0; row < 4; row++) {
            final int counter = counterIndex(keyHash, row);
            final int word = counter >>> 4;
            final int shift = (counter & 15) << 2;
            final long w = sketch[word];
            if (((w >>> shift) & 15) < 15) {
                sketch[word] = w + (1L << shift);
            }
        }
        if (++additions >= SKETCH_SAMPLE) {
            additions = 0;
            for (int i = 0; i < SKETCH_LONGS; i++) {
                sketch[i] = (sketch[i] >>> 1) & 0x7777_7777_7777_7777L;
            }
        }
    }

    private int frequency(final long keyHash) {
        int min = 15;
        for (int row = 0; row < 4; row++) {
            final int counter = counterIndex(keyHash, row);
            min = Math.min(min, (int) (sketch[counter >>> 4] >>> ((counter & 15) << 2)) & 15);
        }
        return min;
    }

    private static int counterIndex(final long keyHash, final int row) {
        final long h = Long.rotateLeft(keyHash * (0x9E37_79B9_7F4A_7C15L + 2L * row), 17 + 11 * row);
        return (int) (h >>> 40) & (SKETCH_LONGS * 16 - 1);
    }

    /**
     * Offers the value just read from disk for {@code meta}. Skipped when the victim's way is being filled by someone
     * else or when admission prefers the victim.
     *
     * @return whether a valid entry was evicted
     */
    boolean put(final long meta, final long key, final MemorySegment source, final long offset, final int length) {
        if (length > ENTRY_BYTES - HEADER_BYTES) {
            return false;
        }
        final int set = setOf(meta);
        final int way = victim(set);
        final long at = ((long) set * WAYS + way) * ENTRY_BYTES;
        final long v = (long) ATOMIC_LONG.getAcquire(entries, at + VERSION);
        final boolean occupied = entries.get(LONG, at + META) != 0;
        if (TINY_LFU && occupied && frequency(Layout.hash(key)) <= frequency(Layout.hash(entries.get(LONG, at + KEY)))) {
            return false;
        }
        // CAS to odd: we own the entry; readers that loaded the even version will fail their re-check.
        if ((v & 1) != 0 || !ATOMIC_LONG.compareAndSet(entries, at + VERSION, v, v + 1)) {
            return false;
        }
        // The odd version must be visible before any byte changes (pairs with the reader's loadLoadFence).
        VarHandle.storeStoreFence();
        entries.set(LONG, at + META, meta);
        entries.set(LONG, at + KEY, key);
        entries.set(INT, at + LENGTH, length);
        MemorySegment.copy(source, offset, entries, at + HEADER_BYTES, length);
        if (CLOCK) {
            referenced[set * WAYS + way] = 0;
        }
        // Release: the entry's bytes are complete before the even version is.
        ATOMIC_LONG.setRelease(entries, at + VERSION, v + 2);
        return occupied;
    }

    private int victim(final int set) {
        int hand = hands[set] & 0xFF;
        if (CLOCK) {
            for (int i = 0; i < 2 * WAYS; i++) {
                final int way = (hand + i) % WAYS;
                final int bit = set * WAYS + way;
                if (referenced[bit] == 0) {
                    hands[set] = (byte) ((way + 1) % WAYS);
                    return way;
                }
                referenced[bit] = 0; // second chance spent
            }
        }
        hands[set] = (byte) ((hand + 1) % WAYS);
        return hand % WAYS;
    }

    /** Entries holding a record (for metrics; racy). */
    long occupied() {
        long n = 0;
        for (long at = 0; at < entries.byteSize(); at += ENTRY_BYTES) {
            if (entries.get(LONG, at + META) != 0) {
                n++;
            }
        }
        return n;
    }
}
