package io.jitskit.stores.noop;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreInfo;
import io.jitskit.spec.Durability;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A store that keeps nothing. It behaves like a store that forgets each write at once: reads find nothing, an insert
 * always inserts, a delete never finds its key, an rmw always starts from the initial value. Serial numbers advance as
 * the SPI asks, so a harness that tracks them still runs. No validation, no allocation, no file: the cost of an
 * operation is a virtual call and an increment, which is what the harness's ceiling is measured against.
 *
 * <p>Fails every correctness check by design; see the package documentation.
 */
public final class NoopStore implements Store {

    /** The name the store is registered under. */
    public static final String NAME = "noop";

    private static final ValueLayout.OfLong COUNTER = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(
        ByteOrder.LITTLE_ENDIAN);

    @Override
    public Session openSession(final int sessionId) {
        return new NoopSession(sessionId);
    }

    /** @throws UnsupportedOperationException always: the noop store keeps nothing to make durable */
    @Override
    public Checkpoint checkpoint() {
        throw new UnsupportedOperationException("the noop store keeps nothing; it has no checkpoint to take");
    }

    @Override
    public Recovery recovery() {
        return Recovery.none();
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo(NAME, Durability.none(), Map.of("role", "harness ceiling; keeps nothing, not correct"));
    }

    @Override
    public void close() {
        // Nothing held.
    }

    /** One thread's handle: a serial counter and nothing else. */
    private static final class NoopSession implements Session {

        private final int id;
        private long serial;

        NoopSession(final int id) {
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public long serial() {
            return serial;
        }

        @Override
        public int read(final MemorySegment key, final MemorySegment out) {
            serial++;
            return NOT_FOUND;
        }

        @Override
        public void upsert(final MemorySegment key, final MemorySegment value) {
            serial++;
        }

        @Override
        public long rmw(final MemorySegment key, final long delta, final MemorySegment initial) {
            serial++;
            return initial.get(COUNTER, 0) + delta;
        }

        @Override
        public boolean delete(final MemorySegment key) {
            serial++;
            return false;
        }

        @Override
        public boolean insert(final MemorySegment key, final MemorySegment value) {
            serial++;
            return true;
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }
}
