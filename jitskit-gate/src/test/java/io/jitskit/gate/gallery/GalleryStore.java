package io.jitskit.gate.gallery;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreInfo;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every store of the gallery shares, so that each one is only its bug: sessions and their serial numbers, the
 * spec's value-size rule, and rmw/insert built from get and put under a striped lock. A gallery store overrides
 * {@link #get}, {@link #put} and {@link #remove} (and more where its bug lives); each is a small, realistic design
 * with one flaw a synthesis agent was seen to ship (paper Appendix B and section 7).
 */
abstract class GalleryStore implements Store {

    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final int STRIPES = 64;

    final Spec spec;
    final StoreContext context;
    private final SizeDistribution sizes;
    private final String name;
    private final Object[] stripes = new Object[STRIPES];
    final Map<Integer, long[]> serials = new ConcurrentHashMap<>();

    GalleryStore(final StoreContext context, final String name) {
        this.context = context;
        this.spec = context.spec();
        this.sizes = spec.workload().valueSizes();
        this.name = name;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Reads {@code key} into {@code out}: its length, or {@link Session#NOT_FOUND}. */
    abstract int get(MemorySegment key, MemorySegment out, int session);

    abstract void put(MemorySegment key, MemorySegment value, int session);

    abstract boolean remove(MemorySegment key, int session);

    /** Whether the spec allows a value of {@code size}; a store that pads or cuts overrides it. */
    void checkValue(final long size) {
        if (!sizes.allows((int) size)) {
            throw new ValueSizeException(size, sizes.toString());
        }
    }

    static long key8(final MemorySegment key) {
        return key.get(LONG_LE, 0);
    }

    static int copyOut(final byte[] value, final MemorySegment out) {
        if (value.length > out.byteSize()) {
            throw new BufferTooSmallException(value.length, out.byteSize());
        }
        MemorySegment.copy(MemorySegment.ofArray(value), 0, out, 0, value.length);
        return value.length;
    }

    private Object stripe(final MemorySegment key) {
        return stripes[(int) (key8(key) >>> 58)];
    }

    @Override
    public Session openSession(final int sessionId) {
        final long[] serial = serials.computeIfAbsent(sessionId, id -> new long[1]);
        return new Session() {
            @Override
            public int id() {
                return sessionId;
            }

            @Override
            public long serial() {
                return serial[0];
            }

            @Override
            public int read(final MemorySegment key, final MemorySegment out) {
                enter();
                try {
                    final int n = get(key, out, sessionId);
                    serial[0]++;
                    return n;
                } finally {
                    exit();
                }
            }

            @Override
            public void upsert(final MemorySegment key, final MemorySegment value) {
                checkValue(value.byteSize());
                enter();
                try {
                    put(key, value, sessionId);
                    serial[0]++;
                } finally {
                    exit();
                }
            }

            @Override
            public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
                checkValue(initial.byteSize());
                enter();
                try {
                    return rmwLocked(key, delta, initial);
                } finally {
                    exit();
                }
            }

            private long rmwLocked(final MemorySegment key, final long delta, final MemorySegment initial) {
                synchronized (stripe(key)) {
                    final MemorySegment current = MemorySegment.ofArray(new byte[sizes.max() + 1]);
                    final int n = get(key, current, sessionId);
                    final MemorySegment next = n == NOT_FOUND ? MemorySegment.ofArray(initial.toArray(
                        ValueLayout.JAVA_BYTE)) : current.asSlice(0, n);
                    final long counter = next.get(LONG_LE, 0) + delta;
                    next.set(LONG_LE, 0, counter);
                    put(key, next, sessionId);
                    serial[0]++;
                    return counter;
                }
            }

            @Override
            public boolean delete(final MemorySegment key) {
                enter();
                try {
                    final boolean present = remove(key, sessionId);
                    serial[0]++;
                    return present;
                } finally {
                    exit();
                }
            }

            @Override
            public boolean insert(final MemorySegment key, final MemorySegment value) {
                checkValue(value.byteSize());
                enter();
                try {
                    synchronized (stripe(key)) {
                        final boolean absent = get(key, MemorySegment.ofArray(new byte[sizes.max() + 1]),
                            sessionId) == NOT_FOUND;
                        if (absent) {
                            put(key, value, sessionId);
                        }
                        serial[0]++;
                        return absent;
                    }
                } finally {
                    exit();
                }
            }

            @Override
            public void close() {
                sessionClosed(sessionId);
            }
        };
    }

    /** Called before each operation; with {@link #exit}, brackets the operation and its serial's advance. */
    void enter() {
    }

    void exit() {
    }

    /** Called when a session closes. */
    void sessionClosed(final int session) {
    }

    @Override
    public Checkpoint checkpoint() throws IOException {
        throw new UnsupportedOperationException(name + " keeps nothing durable");
    }

    @Override
    public Recovery recovery() {
        return Recovery.none();
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo(name, Durability.none(), Map.of("gallery", "deliberately broken"));
    }

    @Override
    public void close() throws IOException {
    }
}
