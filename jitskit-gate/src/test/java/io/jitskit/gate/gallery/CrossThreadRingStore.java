package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery I.2, cross-thread ring write: each session appends values to its own ring and publishes an immutable
 * location; readers copy from rings without a lock because records never change once published. Except that a
 * session rewriting a key another session owns, at the same size, "bypasses the log path" and copies straight into
 * the owner's ring, under readers' feet. Caught by the torn-read check (its writers never own the keys).
 */
public final class CrossThreadRingStore extends GalleryStore {

    private static final int RING_BYTES = 1 << 20;

    /** Where a value lives: an immutable record, replaced on every owner write. */
    private record Location(byte[] ring, int offset, int length, int owner) { }

    /** A session's ring: appended by its session only. */
    private static final class Ring {
        byte[] bytes = new byte[RING_BYTES];
        int position;
    }

    private final ConcurrentHashMap<Long, Location> index = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Ring> rings = new ConcurrentHashMap<>();

    CrossThreadRingStore(final StoreContext context) {
        super(context, "gallery-cross-thread-ring");
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final Location at = index.get(key8(key));
        if (at == null) {
            return Session.NOT_FOUND;
        }
        return copyOut(java.util.Arrays.copyOfRange(at.ring, at.offset, at.offset + at.length), out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final long k = key8(key);
        final int length = (int) value.byteSize();
        final Location at = index.get(k);
        if (at != null && at.owner != session && at.length == length) {
            // The shortcut: same size, someone else's ring, write it in place.
            MemorySegment.copy(value, 0, MemorySegment.ofArray(at.ring), at.offset, length);
            return;
        }
        final Ring ring = rings.computeIfAbsent(session, s -> new Ring());
        if (ring.position + length > ring.bytes.length) {
            ring.bytes = new byte[RING_BYTES];
            ring.position = 0;
        }
        MemorySegment.copy(value, 0, MemorySegment.ofArray(ring.bytes), ring.position, length);
        index.put(k, new Location(ring.bytes, ring.position, length, session));
        ring.position += length;
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return index.remove(key8(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-cross-thread-ring";
        }

        @Override
        public String description() {
            return "per-session rings, non-owners write in place";
        }

        @Override
        public Store open(final StoreContext context) {
            return new CrossThreadRingStore(context);
        }
    }
}
