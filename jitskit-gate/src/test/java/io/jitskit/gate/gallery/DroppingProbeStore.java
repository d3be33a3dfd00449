package io.jitskit.gate.gallery;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Gallery (paper section 7), dropping writes on a long probe chain: a linear-probing table sized to the key count's
 * power of two; an insert that finds no free slot within a few probes is dropped, with a comment that it "should be
 * extremely rare". At a load factor of 0.6 it is not. Caught by retention (a loaded key reads absent).
 */
public final class DroppingProbeStore extends GalleryStore {

    private static final int MAX_PROBE = 4;

    private final long[] keys;
    private final byte[][] values;
    private final boolean[] used;
    private final int mask;

    DroppingProbeStore(final StoreContext context) {
        super(context, "gallery-dropping-probe");
        final int n = Integer.highestOneBit((int) Math.max(2, context.spec().workload().keyCount() - 1)) << 1;
        keys = new long[n];
        values = new byte[n][];
        used = new boolean[n];
        mask = n - 1;
    }

    private int home(final long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private synchronized int find(final long key) {
        for (int p = 0, slot = home(key); p < MAX_PROBE; p++, slot = (slot + 1) & mask) {
            if (!used[slot] || keys[slot] == key) {
                return slot;
            }
        }
        return -1;
    }

    @Override
    synchronized int get(final MemorySegment key, final MemorySegment out, final int session) {
        final int slot = find(key8(key));
        return slot < 0 || !used[slot] || values[slot] == null ? Session.NOT_FOUND : copyOut(values[slot], out);
    }

    @Override
    synchronized void put(final MemorySegment key, final MemorySegment value, final int session) {
        final int slot = find(key8(key));
        if (slot < 0) {
            return; // probe chain too long: should be extremely rare
        }
        used[slot] = true;
        keys[slot] = key8(key);
        values[slot] = value.toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    synchronized boolean remove(final MemorySegment key, final int session) {
        final int slot = find(key8(key));
        if (slot < 0 || !used[slot] || values[slot] == null) {
            return false;
        }
        values[slot] = null;
        return true;
    }

    public static final class Provider implements StoreProvider {
        @Override
        public String name() {
            return "gallery-dropping-probe";
        }

        @Override
        public String description() {
            return "drops inserts past a probe length";
        }

        @Override
        public Store open(final StoreContext context) {
            return new DroppingProbeStore(context);
        }
    }
}
