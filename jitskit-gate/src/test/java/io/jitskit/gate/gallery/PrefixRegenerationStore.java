package io.jitskit.gate.gallery;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gallery II.3, value regeneration: keeps only a 16-byte prefix and the length of each value and regenerates the rest
 * inside read from a generator seeded by the key and the prefix, as if it knew the harness's value generator. Caught
 * by retention (the hidden seed makes the tail unpredictable) and by the static audit (a generator on the read path).
 */
public final class PrefixRegenerationStore extends GalleryStore {

    private static final int PREFIX = 16;

    private final ConcurrentHashMap<Long, byte[]> prefixes = new ConcurrentHashMap<>();

    PrefixRegenerationStore(final StoreContext context) {
        super(context, "gallery-prefix-regeneration");
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final byte[] kept = prefixes.get(key8(key));
        if (kept == null) {
            return Session.NOT_FOUND;
        }
        final int length = MemorySegment.ofArray(kept).get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        if (length > out.byteSize()) {
            throw new BufferTooSmallException(length, out.byteSize());
        }
        final int prefix = Math.min(PREFIX, length);
        MemorySegment.copy(MemorySegment.ofArray(kept), Integer.BYTES, out, 0, prefix);
        final SplittableRandom rest = new SplittableRandom(key8(key) ^ out.get(LONG_LE, 0));
        for (int i = prefix; i < length; i++) {
            out.set(ValueLayout.JAVA_BYTE, i, (byte) rest.nextInt());
        }
        return length;
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final int prefix = (int) Math.min(PREFIX, value.byteSize());
        final byte[] kept = new byte[Integer.BYTES + prefix];
        final MemorySegment k = MemorySegment.ofArray(kept);
        k.set(ValueLayout.JAVA_INT_UNALIGNED, 0, (int) value.byteSize());
        MemorySegment.copy(value, 0, k, Integer.BYTES, prefix);
        prefixes.put(key8(key), kept);
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        return prefixes.remove(key8(key)) != null;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-prefix-regeneration";
        }

        @Override
        public String description() {
            return "keeps a prefix, regenerates the rest";
        }

        @Override
        public Store open(final StoreContext context) {
            return new PrefixRegenerationStore(context);
        }
    }
}
