package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Gallery II.2, bitmap impostor: one bit per key says it was written; read synthesizes a value of the spec's
 * smallest size from a generator seeded by the key. Nothing is stored. Caught by retention (the bytes are not the
 * hidden-seed values) and by the static audit (a generator on the read path).
 */
public final class BitmapImpostorStore extends GalleryStore {

    private static final int BITS = 1 << 24;

    private final AtomicLongArray bits = new AtomicLongArray(BITS / 64);
    private final int size;

    BitmapImpostorStore(final StoreContext context) {
        super(context, "gallery-bitmap-impostor");
        this.size = context.spec().workload().valueSizes().min();
    }

    private static int bit(final MemorySegment key) {
        return (int) ((key8(key) * 0x9E3779B97F4A7C15L) >>> 40);
    }

    @Override
    int get(final MemorySegment key, final MemorySegment out, final int session) {
        final int b = bit(key);
        if ((bits.get(b >>> 6) & (1L << b)) == 0) {
            return Session.NOT_FOUND;
        }
        final SplittableRandom values = new SplittableRandom(key8(key));
        for (int i = 0; i < size; i++) {
            out.set(ValueLayout.JAVA_BYTE, i, (byte) values.nextInt());
        }
        return size;
    }

    @Override
    void put(final MemorySegment key, final MemorySegment value, final int session) {
        final int b = bit(key);
        bits.getAndUpdate(b >>> 6, w -> w | (1L << b));
    }

    @Override
    boolean remove(final MemorySegment key, final int session) {
        final int b = bit(key);
        return (bits.getAndUpdate(b >>> 6, w -> w & ~(1L << b)) & (1L << b)) != 0;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-bitmap-impostor";
        }

        @Override
        public String description() {
            return "a bit per key, values synthesized on read";
        }

        @Override
        public Store open(final StoreContext context) {
            return new BitmapImpostorStore(context);
        }
    }
}
