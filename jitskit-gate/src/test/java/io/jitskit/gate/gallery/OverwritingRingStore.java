package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery (paper section 7), a ring that silently overwrites old keys: values are appended to a 16 MiB ring that
 * wraps to its start when full, whatever still lives there; the index keeps pointing at overwritten bytes. Caught by
 * the log-wrap probe (cold keys written once read back someone else's bytes).
 */
public final class OverwritingRingStore extends GalleryStore {

    private static final long RING_BYTES = 16L << 20;

    private record Entry(long offset, int length) { }

    private final MemorySegment ring = Arena.ofAuto().allocate(RING_BYTES);
    private final ConcurrentHashMap<Long, Entry> index = new ConcurrentHashMap<>();
    private long tail;

    OverwritingRingStore(final StoreContext context) {
        super(context, "gallery-overwriting-ring");
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final Entry e = index.get(key8(key));
        if (e == null) {
            return Session.NOT_FOUND;
        }
        MemorySegment.copy(ring, e.offset, out, 0, e.length);
        return e.length;
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final long at;
        synchronized (this) {
            if (tail + value.byteSize() > RING_BYTES) {
                tail = 0; // wrap: the oldest records are simply overwritten
            }
            at = tail;
            tail += value.byteSize();
        }
        MemorySegment.copy(value, 0, ring, at, value.byteSize());
        index.put(key8(key), new Entry(at, (int) value.byteSize()));
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return index.remove(key8(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-overwriting-ring";
        }

        @Override
        public String description() {
            return "a 16 MiB ring that wraps over live records";
        }

        @Override
        public Store open(final StoreContext context) {
            return new OverwritingRingStore(context);
        }
    }
}
