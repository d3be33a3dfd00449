package io.jitskit.gate.gallery;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery I.3, same-size torn read (paper section 6): values live in slots guarded by a seqlock; readers copy
 * optimistically and retry when the version moved. A rewrite of a different size bumps the version around the copy;
 * a rewrite of the same size is done in place and leaves the version bit-identical, so a reader racing it accepts
 * bytes of two writes. Caught by the torn-read check (the hot keys rewritten at a fixed size).
 */
public final class SameSizeSeqlockStore extends GalleryStore {

    /** One key's value. Readers read {@code bytes} and {@code length} racily, validated by {@code version}. */
    private static final class Slot {
        volatile long version;
        byte[] bytes;
        int length;

        Slot(final byte[] bytes) {
            this.bytes = bytes;
            this.length = bytes.length;
        }
    }

    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();

    SameSizeSeqlockStore(final StoreContext context) {
        super(context, "gallery-same-size-seqlock");
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final Slot slot = slots.get(key8(key));
        if (slot == null) {
            return Session.NOT_FOUND;
        }
        while (true) {
            final long before = slot.version; // volatile read: acquire, pairs with the writer's releasing bump
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            final byte[] bytes = slot.bytes;
            final int length = slot.length;
            if (length > out.byteSize()) {
                throw new BufferTooSmallException(length, out.byteSize());
            }
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, out, 0, length);
            VarHandle.acquireFence(); // keep the copy's loads before the version's re-read
            if (slot.version == before) {
                return length;
            }
        }
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final long k = key8(key);
        final Slot slot = slots.get(k);
        final int length = (int) value.byteSize();
        if (slot == null) {
            final Slot fresh = new Slot(value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            if (slots.putIfAbsent(k, fresh) == null) {
                return;
            }
            put(key, value, session);
            return;
        }
        synchronized (slot) {
            if (length == slot.length) {
                // "In place, same size: the slot metadata does not change" - nor does the version. The bug.
                MemorySegment.copy(value, 0, MemorySegment.ofArray(slot.bytes), 0, length);
                return;
            }
            slot.version++; // odd: readers wait
            VarHandle.storeStoreFence();
            slot.bytes = value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            slot.length = length;
            slot.version++; // even again; the volatile write releases the new bytes
        }
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return slots.remove(key8(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-same-size-seqlock";
        }

        @Override
        public String description() {
            return "seqlock slots, same-size rewrites in place without a version bump";
        }

        @Override
        public Store open(final StoreContext context) {
            return new SameSizeSeqlockStore(context);
        }
    }
}
