package io.jitskit.engine.memory;

import io.jitskit.api.StoreException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Off-heap value slabs for values too large to inline: pages carved into per-session bump regions, chunks of
 * {@value #CLASSES} size class(es), recycled through per-session free lists with a shared overflow pool.
 *
 * <pre>
 * reference (8 bytes, stored in the slot's payload; P = PAGE_SHIFT)
 *  63        56 55                 P P-1                              0
 *  +-----------+-------------------+---------------------------------+
 *  |   class   |    page index     |      byte offset in the page    |
 *  +-----------+-------------------+---------------------------------+
 *  class: the chunk's own size class, which may be larger than its value's (see allocateLarger); it is freed
 *  into that class, so no chunk is ever demoted
 *  0 is never a chunk: page 0 starts allocating at byte 64.
 * free chunk: its first 8 bytes link to the next free chunk of its class (0 ends the list)
 * </pre>
 *
 * <p>Reclamation without epochs: a chunk is freed only after the slot that pointed to it was released with a new
 * version. A reader that loaded the old version and still copies from the chunk may read bytes of a new owner (or
 * the free-list link), but its final validation sees the version moved and it retries, so reuse is immediate and
 * safe. Pages are never unmapped while the store is open, so a stale reference always reads mapped memory.
 */
final class ValueSlab {

    static final int PAGE_SHIFT = StoreConfig.SLAB_PAGE_SHIFT;
    static final long PAGE_BYTES = 1L << PAGE_SHIFT;
    static final long OFFSET_MASK = PAGE_BYTES - 1;
    static final int CLASS_SHIFT = 56;
    private static final long LOCATION_MASK = (1L << CLASS_SHIFT) - 1;
    /** Bytes a session carves from a page at a time; at least the largest chunk. */
    static final long TLAB_BYTES = StoreConfig.SLAB_TLAB_BYTES;
    static final int CLASSES = StoreConfig.SLAB_CLASSES;
    /** Chunk bytes per class, multiples of 8. */
    private static final int[] CHUNK_BYTES = StoreConfig.slabChunkBytes();
    /**
     * A session's free list of one class goes to the shared pool beyond this many bytes (and at least one chunk):
     * large chunks must not sit idle in one session's list while another session runs the slab full.
     */
    static final long LOCAL_FREE_BYTES = 1L << 20;
    /** Per class, the chunks a session keeps before handing its list to the shared pool. */
    private static final int[] LOCAL_FREE_LIMIT = new int[CLASSES];

    static {
        for (int c = 0; c < CLASSES; c++) {
            LOCAL_FREE_LIMIT[c] = (int) Math.max(1, Math.min(4096, LOCAL_FREE_BYTES / CHUNK_BYTES[c]));
        }
    }

    private final Arena arena;
    private final int maxPages;
    /** Element i is written once, under this monitor, before any reference into page i exists. */
    private final MemorySegment[] pages;
    private int pageCount;
    private long pageUsed;
    /** Shared pool of free chunks per class (intrusive lists); guarded by this monitor. */
    private final long[] poolHead = new long[CLASSES];
    private final long[] poolTail = new long[CLASSES];
    private final int[] poolCount = new int[CLASSES];

    /**
     * @param arena        the store's arena: pages live as long as the store
     * @param budgetBytes  bytes the slab may take (the usable budget less the index)
     */
    ValueSlab(final Arena arena, final long budgetBytes) {
        this.arena = arena;
        this.maxPages = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, budgetBytes / PAGE_BYTES));
        this.pages = new MemorySegment[maxPages];
    }

    /**
     * The class of a chunk for {@code length} bytes. One of three mappings, chosen by constants, so the JIT keeps only
     * this design's arithmetic: exact (one class per allowed size), linear (classes one granule wide above the base),
     * geometric (two classes per power of two from 2^base: {@code (e - base) * 2 +} the bit below {@code e}, with
     * {@code e = floor(log2(length - 1))}).
     */
    static int classOf(final int length) {
        if (StoreConfig.SLAB_CLASSES_LINEAR) {
            return (length - (StoreConfig.SLAB_CLASS_BASE + 1)) >>> StoreConfig.SLAB_GRANULE_SHIFT;
        }
        if (StoreConfig.SLAB_CLASSES_GEOMETRIC) {
            final long below = length - 1L;
            final int log = 63 - Long.numberOfLeadingZeros(Math.max(1, below));
            if (log < StoreConfig.SLAB_CLASS_BASE) {
                return 0;
            }
            return (log - StoreConfig.SLAB_CLASS_BASE) * 2 + (int) (below >>> (log - 1) & 1);
        }
        // Exact: one class, or two told apart by the first one's size.
        return CLASSES == 1 || length == StoreConfig.SLAB_EXACT_FIRST_SIZE ? 0 : 1;
    }

    static long offsetOf(final long ref) {
        return ref & OFFSET_MASK;
    }

    /** Index of the page a reference points into. */
    static int pageIndex(final long ref) {
        return (int) ((ref & LOCATION_MASK) >>> PAGE_SHIFT);
    }

    /** The size class of the chunk a reference names. */
    static int classOfRef(final long ref) {
        return (int) (ref >>> CLASS_SHIFT);
    }

    /** The page a reference points into. */
    MemorySegment page(final long ref) {
        return pages[pageIndex(ref)];
    }

    void copyOut(final long ref, final MemorySegment dst, final int length) {
        MemorySegment.copy(page(ref), ref & OFFSET_MASK, dst, 0, length);
    }

    void copyIn(final MemorySegment src, final long ref, final int length) {
        MemorySegment.copy(src, 0, page(ref), ref & OFFSET_MASK, length);
    }

    MemorySegment[] pages() {
        return pages;
    }

    synchronized int pageCount() {
        return pageCount;
    }

    synchronized long reservedBytes() {
        return pageCount * PAGE_BYTES;
    }

    ThreadCache newCache() {
        return new ThreadCache();
    }

    /** Gives a session a fresh bump region, mapping a new page when the current one is used up. */
    private synchronized void refill(final ThreadCache cache) {
        final long start = carve(TLAB_BYTES);
        cache.next = start;
        cache.end = start + TLAB_BYTES;
    }

    /**
     * {@code bytes} from the current page, mapping a new page when they do not fit; the page's rest is abandoned
     * (bounded: a page holds at least four of the largest chunks). Chunks larger than an eighth of a bump region
     * come straight from here: carving them from a region would abandon the region's rest on nearly every request.
     */
    private synchronized long carve(final long bytes) {
        if (pageCount == 0 || pageUsed + bytes > PAGE_BYTES) {
            if (pageCount == maxPages) {
                throw new StoreException("value slab full: " + pageCount + " pages of " + PAGE_BYTES + " bytes hold"
                    + " the values the usable budget leaves room for; the live data exceeds workload.keys x the value"
                    + " sizes the store was sized for; raise environment.memory_budget or regenerate");
            }
            // Zero-filled and 64-aligned; the element store happens-before any reference into the page escapes,
            // because references leave this monitor only through the session that receives them.
            pages[pageCount] = arena.allocate(PAGE_BYTES, 64);
            pageUsed = pageCount == 0 ? 64 : 0;
            pageCount++;
        }
        final long start = ((long) (pageCount - 1) << PAGE_SHIFT) + pageUsed;
        pageUsed += bytes;
        return start;
    }

    /**
     * Moves up to a session's local limit of the shared pool's chunks of {@code cls} to the session (whose list of
     * that class is empty); false when the pool has none. Taking only a batch leaves large chunks for other sessions.
     */
    private synchronized boolean takePool(final ThreadCache cache, final int cls) {
        final int count = Math.min(poolCount[cls], LOCAL_FREE_LIMIT[cls]);
        if (count == 0) {
            return false;
        }
        final long head = poolHead[cls];
        long tail = head;
        for (int i = 1; i < count; i++) {
            tail = page(tail).get(ValueLayout.JAVA_LONG, tail & OFFSET_MASK);
        }
        poolHead[cls] = page(tail).get(ValueLayout.JAVA_LONG, tail & OFFSET_MASK);
        page(tail).set(ValueLayout.JAVA_LONG, tail & OFFSET_MASK, 0L);
        poolCount[cls] -= count;
        if (poolCount[cls] == 0) {
            poolHead[cls] = 0;
            poolTail[cls] = 0;
        }
        cache.freeHead[cls] = head;
        cache.freeTail[cls] = tail;
        cache.freeCount[cls] = count;
        return true;
    }

    /** Prepends a session's whole list of {@code cls} to the shared pool. */
    private synchronized void givePool(final long head, final long tail, final int count, final int cls) {
        page(tail).set(ValueLayout.JAVA_LONG, tail & OFFSET_MASK, poolHead[cls]);
        if (poolCount[cls] == 0) {
            poolTail[cls] = tail;
        }
        poolHead[cls] = head;
        poolCount[cls] += count;
    }

    /** One session's allocator: a bump region and free lists per class. Single-threaded, like its session. */
    final class ThreadCache {

        private long next;
        private long end;
        private final long[] freeHead = new long[CLASSES];
        private final long[] freeTail = new long[CLASSES];
        private final int[] freeCount = new int[CLASSES];

        /** A chunk of class {@code cls}: from the free list, the bump region, the shared pool, or a new page. */
        long allocate(final int cls) {
            while (true) {
                final long head = freeHead[cls];
                if (head != 0) {
                    freeHead[cls] = page(head).get(ValueLayout.JAVA_LONG, head & OFFSET_MASK);
                    if (--freeCount[cls] == 0) {
                        freeTail[cls] = 0;
                    }
                    return head;
                }
                final int size = CHUNK_BYTES[cls];
                if (next + size <= end && next != 0) {
                    final long ref = next | (long) cls << CLASS_SHIFT;
                    next += size;
                    return ref;
                }
                if (takePool(this, cls)) {
                    continue;
                }
                // A free chunk up to two classes larger before new memory: the slab grows only for sizes it cannot
                // serve within twice their class (geometric classes) or two granules (linear ones).
                final long spare = allocateLarger(cls, Math.min(CLASSES - 1, cls + 2));
                if (spare != 0) {
                    return spare;
                }
                try {
                    if (size > TLAB_BYTES / 8) {
                        return carve(size) | (long) cls << CLASS_SHIFT;
                    }
                    refill(this);
                } catch (final StoreException full) {
                    final long any = allocateLarger(cls, CLASSES - 1);
                    if (any == 0) {
                        throw full;
                    }
                    return any;
                }
            }
        }

        /**
         * The smallest free chunk of a class in {@code (cls, upTo]}, from this session's lists or the pool, or 0. Its
         * reference keeps its own class, so it returns there when freed. Without this, sizes spread over many classes
         * strand free chunks in classes the workload has moved away from, and the slab grows or fills for nothing.
         */
        private long allocateLarger(final int cls, final int upTo) {
            for (int larger = cls + 1; larger <= upTo; larger++) {
                if (freeHead[larger] != 0 || takePool(this, larger)) {
                    return allocate(larger);
                }
            }
            return 0;
        }

        /** Returns a chunk whose slot has already been released with a newer version (see the class comment). */
        void free(final long ref) {
            final int cls = classOfRef(ref);
            page(ref).set(ValueLayout.JAVA_LONG, ref & OFFSET_MASK, freeHead[cls]);
            if (freeCount[cls] == 0) {
                freeTail[cls] = ref;
            }
            freeHead[cls] = ref;
            if (++freeCount[cls] > LOCAL_FREE_LIMIT[cls]) {
                givePool(freeHead[cls], freeTail[cls], freeCount[cls], cls);
                freeHead[cls] = 0;
                freeTail[cls] = 0;
                freeCount[cls] = 0;
            }
        }

        /** At session close: free chunks go to the pool; the rest of the bump region is abandoned (bounded). */
        void release() {
            for (int cls = 0; cls < CLASSES; cls++) {
                if (freeCount[cls] > 0) {
                    givePool(freeHead[cls], freeTail[cls], freeCount[cls], cls);
                    freeHead[cls] = 0;
                    freeTail[cls] = 0;
                    freeCount[cls] = 0;
                }
            }
            next = 0;
            end = 0;
        }
    }
}
