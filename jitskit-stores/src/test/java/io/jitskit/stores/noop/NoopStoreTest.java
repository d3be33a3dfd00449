package io.jitskit.stores.noop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.testsupport.TestKeys;
import io.jitskit.testsupport.TestSpecs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noop store keeps nothing. It deliberately does not run the contract suite: it would fail it, by design.
 */
class NoopStoreTest {

    @TempDir
    Path dir;

    @Test
    void writesAreForgottenAtOnceAndReadsFindNothing() throws Exception {
        try (Store store = new NoopStoreProvider().open(new StoreContext(
                 TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Fixed(16), dir), dir));
             Arena arena = Arena.ofConfined();
             Session session = store.openSession(0)) {
            final MemorySegment key = arena.allocate(8);
            TestKeys.writeIdKey(key, 1);
            final MemorySegment value = arena.allocate(16);
            value.set(TestKeys.LONG_LE, 0, 40);
            session.upsert(key, value);
            assertEquals(Session.NOT_FOUND, session.read(key, arena.allocate(16)));
            assertTrue(session.insert(key, value), "the key is always absent, so insert always inserts");
            assertFalse(session.delete(key), "nothing to delete");
            assertEquals(42, session.rmw(key, 2, value), "rmw always starts from the initial value");
            assertEquals(42, session.rmw(key, 2, value), "and forgets its result");
            assertEquals(6, session.serial(), "serials still advance, one per operation");
        }
    }

    @Test
    void offersNoDurabilityAndTouchesNoFile() throws Exception {
        final Path data = dir.resolve("data");
        try (Store store = new NoopStoreProvider().open(new StoreContext(
            TestSpecs.small(Durability.checkpoint(), new SizeDistribution.Fixed(16), data), data))) {
            assertEquals(Durability.Level.NONE, store.info().durability().level(),
                "it must say it gives no durability, whatever the spec asked");
            assertThrows(UnsupportedOperationException.class, store::checkpoint);
            assertFalse(store.recovery().restored());
        }
        assertFalse(Files.exists(data));
    }

    @Test
    void isRegisteredUnderItsName() throws Exception {
        assertEquals(NoopStoreProvider.class, StoreFactory.find("noop").getClass());
    }
}
