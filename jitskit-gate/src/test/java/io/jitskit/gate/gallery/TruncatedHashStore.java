package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery I.1, truncated-hash commit: upsert commits on a 16-bit hash of the key and the full key is never read
 * again, so two keys whose hashes collide share one value. Caught by retention (a key reads another key's value).
 */
public final class TruncatedHashStore extends GalleryStore {

    private final ConcurrentHashMap<Short, byte[]> byHash = new ConcurrentHashMap<>();

    TruncatedHashStore(final StoreContext context) {
        super(context, "gallery-truncated-hash");
    }

    private static short hash16(final MemorySegment key) {
        return (short) ((key8(key) * 0x9E3779B97F4A7C15L) >>> 48);
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final byte[] v = byHash.get(hash16(key));
        return v == null ? Session.NOT_FOUND : copyOut(v, out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        byHash.put(hash16(key), value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return byHash.remove(hash16(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-truncated-hash";
        }

        @Override
        public String description() {
            return "commits on a 16-bit key hash";
        }

        @Override
        public Store open(final StoreContext context) {
            return new TruncatedHashStore(context);
        }
    }
}
