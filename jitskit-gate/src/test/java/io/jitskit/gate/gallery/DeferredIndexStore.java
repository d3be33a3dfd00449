package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery, deferred index updates: writes go to a per-session batch that is applied to the index every 64 writes or
 * when the session closes, after the timed phase, so the timed loop never touches the shared index. A load followed
 * by a read-back passes (sessions closed in between); a read right after a write misses. Caught by read-after-write.
 */
public final class DeferredIndexStore extends GalleryStore {

    private static final int BATCH = 64;

    private record Pending(long key, byte[] value) { }

    private final ConcurrentHashMap<Long, byte[]> index = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, List<Pending>> batches = new ConcurrentHashMap<>();

    DeferredIndexStore(final StoreContext context) {
        super(context, "gallery-deferred-index");
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final byte[] v = index.get(key8(key));
        return v == null ? Session.NOT_FOUND : copyOut(v, out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final List<Pending> batch = batches.computeIfAbsent(session, s -> new ArrayList<>());
        batch.add(new Pending(key8(key), value.toArray(ValueLayout.JAVA_BYTE)));
        if (batch.size() >= BATCH) {
            apply(session);
        }
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        apply(session);
        return index.remove(key8(key)) != null;
    }

    @Override
    void sessionClosed(final int session) {
        apply(session);
    }

    private void apply(final int session) {
        final List<Pending> batch = batches.get(session);
        if (batch != null) {
            batch.forEach(p -> index.put(p.key, p.value));
            batch.clear();
        }
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-deferred-index";
        }

        @Override
        public String description() {
            return "index updates batched per session";
        }

        @Override
        public Store open(final StoreContext context) {
            return new DeferredIndexStore(context);
        }
    }
}
