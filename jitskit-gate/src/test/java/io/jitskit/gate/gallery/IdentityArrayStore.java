package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Gallery II.1, flat-array slot index: {@code slot = key & (n - 1)}, no hash and no key check; right only when the
 * keys are the dense range {@code 0..n-1}. Under the gate's hidden permutation keys collide: caught by retention and
 * by the fresh-permutation probe.
 */
public final class IdentityArrayStore extends GalleryStore {

    private final AtomicReferenceArray<byte[]> slots;
    private final int mask;

    IdentityArrayStore(final StoreContext context) {
        super(context, "gallery-identity-array");
        final int n = Integer.highestOneBit((int) Math.max(2, context.spec().workload().keyCount() - 1)) << 1;
        slots = new AtomicReferenceArray<>(n);
        mask = n - 1;
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final byte[] v = slots.get((int) (key8(key) & mask));
        return v == null ? Session.NOT_FOUND : copyOut(v, out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        slots.set((int) (key8(key) & mask), value.toArray(ValueLayout.JAVA_BYTE));
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return slots.getAndSet((int) (key8(key) & mask), null) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-identity-array";
        }

        @Override
        public String description() {
            return "indexes by key & (n - 1)";
        }

        @Override
        public Store open(final StoreContext context) {
            return new IdentityArrayStore(context);
        }
    }
}
