package io.jitskit.baselines.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.api.ValueSizeException;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every baseline adapter must do, checked on small data: exact round trips, distinct absence, deletes,
 * add-u64, refusal of off-size values and small buffers, serial numbering, atomic rmw under two threads, and, for
 * durable adapters, recovery of a state that matches the serials it reports.
 *
 * <p>A subclass names its provider and the strongest durability it offers; the shared contract suite of
 * jitskit-test-support runs beside this once it exists.
 */
public abstract class BaselineSmokeTest {

    private static final ValueLayout.OfLong LE_LONG =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    protected Path dir;

    protected abstract StoreProvider provider();

    /** The durability the recovery test runs under; {@code none} skips it. */
    protected abstract Durability recoveryDurability();

    /** A durability the adapter must decline with a reason, or {@code null} when it serves them all. */
    protected abstract Durability declinedDurability();

    protected Spec spec(final Durability durability) {
        return TestSpecs.small(dir.resolve("store"), durability);
    }

    protected final Store open(final Spec spec) throws Exception {
        final StoreContext context = new StoreContext(spec, dir.resolve("store"));
        final String reason = provider().unsupportedReason(context);
        assertNull(reason, "the adapter declined a spec it should serve: " + reason);
        return provider().open(context);
    }

    protected static MemorySegment key(final Arena arena, final long id) {
        final MemorySegment k = arena.allocate(Long.BYTES);
        k.set(LE_LONG, 0, id);
        return k;
    }

    protected static MemorySegment value(final Arena arena, final int size, final long fill) {
        final MemorySegment v = arena.allocate(size);
        for (int i = 0; i < size; i++) {
            v.set(ValueLayout.JAVA_BYTE, i, (byte) (fill * 31 + i));
        }
        return v;
    }

    @Test
    void upsertThenReadReturnsExactBytesAndAbsentKeysSaySo() throws Exception {
        try (Store store = open(spec(Durability.none())); Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            final MemorySegment out = arena.allocate(64);
            assertEquals(Session.NOT_FOUND, s.read(key(arena, 7), out));
            final MemorySegment v = value(arena, 64, 7);
            s.upsert(key(arena, 7), v);
            assertEquals(64, s.read(key(arena, 7), out));
            assertArrayEquals(v.toArray(ValueLayout.JAVA_BYTE), out.toArray(ValueLayout.JAVA_BYTE));
            final MemorySegment shorter = value(arena, 16, 8);
            s.upsert(key(arena, 7), shorter);
            assertEquals(16, s.read(key(arena, 7), out));
            assertArrayEquals(shorter.toArray(ValueLayout.JAVA_BYTE),
                out.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void deleteMakesAKeyAbsentAndInsertOnlyAddsAbsentKeys() throws Exception {
        try (Store store = open(spec(Durability.none())); Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            final MemorySegment out = arena.allocate(64);
            assertTrue(s.insert(key(arena, 1), value(arena, 16, 1)));
            assertFalse(s.insert(key(arena, 1), value(arena, 64, 2)), "insert must not overwrite");
            assertEquals(16, s.read(key(arena, 1), out));
            assertTrue(s.delete(key(arena, 1)));
            assertFalse(s.delete(key(arena, 1)));
            assertEquals(Session.NOT_FOUND, s.read(key(arena, 1), out));
            assertTrue(s.insert(key(arena, 1), value(arena, 64, 3)), "re-insert after delete");
            assertEquals(64, s.read(key(arena, 1), out));
        }
    }

    @Test
    void rmwAddsToTheLittleEndianCounterAndStartsAbsentKeysFromInitial() throws Exception {
        try (Store store = open(spec(Durability.none())); Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            final MemorySegment initial = value(arena, 16, 5);
            initial.set(LE_LONG, 0, 100);
            assertEquals(103, s.rmw(key(arena, 9), 3, initial));
            assertEquals(93, s.rmw(key(arena, 9), -10, initial));
            final MemorySegment out = arena.allocate(64);
            assertEquals(16, s.read(key(arena, 9), out));
            assertEquals(93, out.get(LE_LONG, 0));
            assertArrayEquals(initial.asSlice(8).toArray(ValueLayout.JAVA_BYTE),
                out.asSlice(8, 8).toArray(ValueLayout.JAVA_BYTE), "bytes after the counter must be untouched");
        }
    }

    @Test
    void offSizeValuesAreRefusedAndSmallBuffersAreAnError() throws Exception {
        try (Store store = open(spec(Durability.none())); Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            assertThrows(ValueSizeException.class, () -> s.upsert(key(arena, 2), value(arena, 17, 0)));
            assertThrows(ValueSizeException.class, () -> s.insert(key(arena, 2), value(arena, 65, 0)));
            assertThrows(ValueSizeException.class, () -> s.rmw(key(arena, 2), 1, value(arena, 40, 0)));
            final MemorySegment out = arena.allocate(64);
            assertEquals(Session.NOT_FOUND, s.read(key(arena, 2), out), "a refused write must leave no trace");
            s.upsert(key(arena, 2), value(arena, 64, 4));
            final MemorySegment small = arena.allocate(63);
            final BufferTooSmallException e =
                assertThrows(BufferTooSmallException.class, () -> s.read(key(arena, 2), small));
            assertEquals(64, e.needed());
        }
    }

    @Test
    void everyOperationAdvancesTheSessionSerialByOne() throws Exception {
        try (Store store = open(spec(Durability.none())); Session s = store.openSession(3);
             Arena arena = Arena.ofConfined()) {
            assertEquals(3, s.id());
            assertEquals(0, s.serial());
            s.upsert(key(arena, 1), value(arena, 16, 1));
            s.read(key(arena, 1), arena.allocate(64));
            s.rmw(key(arena, 1), 1, value(arena, 16, 1));
            s.insert(key(arena, 2), value(arena, 16, 1));
            s.delete(key(arena, 2));
            assertEquals(5, s.serial());
            assertThrows(IllegalStateException.class, () -> store.openSession(3), "one open session per id");
        }
    }

    @Test
    void concurrentRmwOnSharedKeysLosesNoUpdate() throws Exception {
        final int threads = 2;
        final int perThread = 2_000;
        final int keys = 8;
        try (Store store = open(spec(Durability.none()))) {
            final CountDownLatch start = new CountDownLatch(1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                final int sessionId = t;
                workers[t] = Thread.ofPlatform().start(() -> {
                    try (Session s = store.openSession(sessionId); Arena arena = Arena.ofConfined()) {
                        final MemorySegment initial = value(arena, 16, 0);
                        initial.set(LE_LONG, 0, 0);
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            s.rmw(key(arena, i % keys), 1, initial);
                        }
                    } catch (final Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            start.countDown();
            for (final Thread w : workers) {
                w.join();
            }
            assertNull(failure.get(), () -> "worker failed: " + failure.get());
            try (Session s = store.openSession(threads); Arena arena = Arena.ofConfined()) {
                final MemorySegment out = arena.allocate(64);
                for (int k = 0; k < keys; k++) {
                    assertEquals(16, s.read(key(arena, k), out));
                    assertEquals((long) threads * perThread / keys, out.get(LE_LONG, 0), "counter of key " + k);
                }
            }
        }
    }

    @Test
    void checkpointThenReopenRestoresAStateThatMatchesTheRecoveredSerials() throws Exception {
        final Durability durability = recoveryDurability();
        assumeTrue(durability.isDurable(), "adapter offers durability none: nothing to recover");
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final int keys = 64;
        final Spec spec = spec(durability);
        // history[serial] = the key that serial wrote (-1 for a read), version = serial
        final int ops = 600;
        final int checkpointAt = 400;
        final int[] history = new int[ops + 1];
        final Checkpoint checkpoint;
        try (Store store = open(spec); Arena arena = Arena.ofConfined()) {
            assertEquals(Recovery.none().restored(), store.recovery().restored(), "a fresh store restores nothing");
            Checkpoint taken = null;
            try (Session s = store.openSession(1)) {
                for (int serial = 1; serial <= ops; serial++) {
                    final int k = random.nextInt(keys);
                    if (random.nextInt(4) == 0) {
                        s.read(key(arena, k), arena.allocate(64));
                        history[serial] = -1;
                    } else {
                        final MemorySegment v = value(arena, 16, 0);
                        v.set(LE_LONG, 0, serial);
                        s.upsert(key(arena, k), v);
                        history[serial] = k;
                    }
                    if (serial == checkpointAt) {
                        taken = store.checkpoint();
                    }
                }
            }
            checkpoint = taken;
        }
        assertNotNull(checkpoint);
        assertEquals(checkpointAt, checkpoint.serialOf(1), "seed " + seed);
        try (Store store = open(spec); Arena arena = Arena.ofConfined()) {
            final Recovery recovery = store.recovery();
            assertTrue(recovery.restored(), "seed " + seed);
            final long recovered = recovery.serialOf(1);
            assertTrue(recovered >= checkpointAt && recovered <= ops,
                "recovered serial " + recovered + " outside [" + checkpointAt + ", " + ops + "], seed " + seed);
            final Map<Integer, Long> expected = new HashMap<>();
            for (int serial = 1; serial <= recovered; serial++) {
                if (history[serial] >= 0) {
                    expected.put(history[serial], (long) serial);
                }
            }
            try (Session s = store.openSession(1)) {
                assertEquals(recovered, s.serial(), "a reopened session continues from its recovered serial");
                final MemorySegment out = arena.allocate(64);
                for (int k = 0; k < keys; k++) {
                    final int n = s.read(key(arena, k), out);
                    final Long version = expected.get(k);
                    if (version == null) {
                        assertEquals(Session.NOT_FOUND, n, "key " + k + " written only after serial " + recovered
                            + ", seed " + seed);
                    } else {
                        assertEquals(16, n, "key " + k + ", seed " + seed);
                        assertEquals(version, out.get(LE_LONG, 0), "key " + k + " at recovered serial " + recovered
                            + ", seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void durabilityBeyondWhatTheAdapterGivesIsDeclinedWithAReason() {
        final Durability beyond = declinedDurability();
        assumeTrue(beyond != null, "adapter serves every durability");
        final String reason = provider().unsupportedReason(new StoreContext(spec(beyond), dir.resolve("store")));
        assertNotNull(reason);
        assertTrue(reason.contains(provider().name()), reason);
    }

    @Test
    void infoNamesTheStoreItsDurabilityAndCategory() throws Exception {
        try (Store store = open(spec(Durability.none()))) {
            assertEquals(provider().name(), store.info().name());
            assertNotNull(store.info().configuration().get(BaselineStore.CATEGORY));
        }
    }
}
