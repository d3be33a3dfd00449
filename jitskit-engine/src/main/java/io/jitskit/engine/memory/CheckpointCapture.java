package io.jitskit.engine.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What a checkpoint captures: the index shards and, with slab values, the slab pages. Either the live memory (written
 * out while sessions stay quiesced) or a shadow copy taken inside the pause and written after it.
 */
final class CheckpointCapture {

    final MemorySegment[] shards;
    /** Slab pages (only with {@code StoreConfig.SLAB}); slots past {@link #pageCount} may be null. */
    MemorySegment[] pages;
    int pageCount;

    /** The live memory of a store; {@code slab} is null when the design keeps every value inline. */
    CheckpointCapture(final MemorySegment[] shards, final ValueSlab slab) {
        this.shards = shards;
        if (StoreConfig.SLAB) {
            this.pages = slab.pages();
            this.pageCount = slab.pageCount();
        }
    }

    private CheckpointCapture(final MemorySegment[] shards, final int pageSlots) {
        this.shards = shards;
        this.pages = new MemorySegment[pageSlots];
    }

    /** Buffers shaped like {@code live}, allocated before the pause. */
    static CheckpointCapture allocateLike(final CheckpointCapture live, final Arena arena) {
        final MemorySegment[] shadowShards = new MemorySegment[live.shards.length];
        for (int s = 0; s < shadowShards.length; s++) {
            shadowShards[s] = arena.allocate(live.shards[s].byteSize(), 64);
        }
        if (!StoreConfig.SLAB) {
            return new CheckpointCapture(shadowShards, null);
        }
        final CheckpointCapture c = new CheckpointCapture(shadowShards, live.pages.length);
        for (int p = 0; p < live.pageCount; p++) {
            c.pages[p] = arena.allocate(ValueSlab.PAGE_BYTES, 64);
        }
        c.pageCount = live.pageCount;
        return c;
    }

    /** Copies {@code live} into this shadow. Runs under the quiesce: a sequence of memcpys. */
    void copyFrom(final CheckpointCapture live, final Arena arena) {
        for (int s = 0; s < shards.length; s++) {
            MemorySegment.copy(live.shards[s], 0, shards[s], 0, shards[s].byteSize());
        }
        if (StoreConfig.SLAB) {
            // Pages appended since allocateLike are allocated here, inside the pause; it is rare and bounded.
            final int count = live.slabPageCount();
            for (int p = 0; p < count; p++) {
                if (pages[p] == null) {
                    pages[p] = arena.allocate(ValueSlab.PAGE_BYTES, 64);
                }
                MemorySegment.copy(live.pages[p], 0, pages[p], 0, ValueSlab.PAGE_BYTES);
            }
            pageCount = count;
        }
    }

    /** The captured page a slab reference points into. */
    MemorySegment page(final long ref) {
        return pages[ValueSlab.pageIndex(ref)];
    }

    /** Pages of the live slab now: its array is filled in order, so the count is the first null past the known. */
    private int slabPageCount() {
        int n = pageCount;
        while (n < pages.length && pages[n] != null) {
            n++;
        }
        return n;
    }
}
