package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery (paper section 7), padding or truncating off-size values: the spec pinned one value size, so every slot has
 * that size; a shorter value is padded with zeros and a longer one cut, silently. Caught by the value-size probe.
 */
public final class PaddingStore extends GalleryStore {

    private final int slotBytes;
    private final ConcurrentHashMap<Long, byte[]> slots = new ConcurrentHashMap<>();

    PaddingStore(final StoreContext context) {
        super(context, "gallery-padding");
        this.slotBytes = context.spec().workload().valueSizes().max();
    }

    @Override
    void checkValue(final long size) {
        // Any size is accepted: the slot is a fixed size anyway.
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final byte[] v = slots.get(key8(key));
        return v == null ? Session.NOT_FOUND : copyOut(v, out);
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final byte[] slot = new byte[slotBytes];
        MemorySegment.copy(value, 0, MemorySegment.ofArray(slot), 0, Math.min(slotBytes, value.byteSize()));
        slots.put(key8(key), slot);
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return slots.remove(key8(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-padding";
        }

        @Override
        public String description() {
            return "fixed-size slots; pads or cuts other sizes";
        }

        @Override
        public Store open(final StoreContext context) {
            return new PaddingStore(context);
        }
    }
}
