package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A time-ordered window (insert the newest key, delete the oldest) claims a fresh index slot per insert while the
 * deleted keys' tombstones sit on chains new keys rarely probe: the claimed-slot bound is reached long before the
 * live keys fill the index. The store must compact its index and go on, never fail the run with "index full", and
 * every key must still read right, with two sessions writing at once and across a checkpoint and reopen.
 */
class LogIndexCompactionTest {

    private static final int WINDOW = 20_000;
    /** Ten windows of inserts: several times the claimed-slot bound. */
    private static final int INSERTS = 10 * WINDOW;
    private static final int VALUE_BYTES = 100;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    @TempDir
    Path tempDir;

    @Test
    void aSlidingWindowOfInsertsAndDeletesOutlivesTheClaimedSlotBound() throws Exception {
        final Path dir = tempDir.resolve("store");
        final Spec spec = LogStoreFixture.spec("window", WINDOW, new SizeDistribution.Fixed(VALUE_BYTES),
            LogStoreFixture.ALL_OPS, Durability.checkpoint(), LogStoreFixture.SPILLING_BUDGET, dir);
        final LogDesign design = LogDesign.initial(spec);
        assertTrue(INSERTS > design.indexSlots(), "the premise: more inserts than index slots, " + design.describe());
        final StoreProvider provider = LogStoreFixture.provider(spec, design);
        Store store = provider.open(new StoreContext(spec, dir));
        try {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                final Store s = store;
                final int parity = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    try (Arena arena = Arena.ofConfined(); Session session = s.openSession(parity)) {
                        final MemorySegment key = arena.allocate(8);
                        final MemorySegment value = arena.allocate(VALUE_BYTES);
                        // Each session owns the ids of its parity: insert id, then retire id - WINDOW.
                        for (long id = parity; id < INSERTS; id += 2) {
                            key.set(LONG, 0, id);
                            value.set(LONG, 0, id * 31);
                            assertTrue(session.insert(key, value), "insert of new id " + id);
                            if (id >= WINDOW) {
                                key.set(LONG, 0, id - WINDOW);
                                assertTrue(session.delete(key), "delete of live id " + (id - WINDOW));
                            }
                        }
                    } catch (final Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (final Thread w : writers) {
                w.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("a writer failed: " + failure.get(), failure.get());
            }
            assertTrue(store.metrics().orElseThrow().snapshot().get("index.compactions") >= 1,
                "the premise: the bound was reached and the index compacted");
            verifyWindow(store);
            store.checkpoint();
            store.close();
            store = provider.open(new StoreContext(spec, dir));
            verifyWindow(store);
        } finally {
            store.close();
        }
    }

    /** The last WINDOW ids read back their values; every older one reads absent. */
    private static void verifyWindow(final Store store) throws Exception {
        try (Arena arena = Arena.ofConfined(); Session session = store.openSession(0)) {
            final MemorySegment key = arena.allocate(8);
            final MemorySegment out = arena.allocate(VALUE_BYTES);
            for (long id = 0; id < INSERTS; id++) {
                key.set(LONG, 0, id);
                final int n = session.read(key, out);
                if (id < INSERTS - WINDOW) {
                    assertEquals(Session.NOT_FOUND, n, "retired id " + id + " reads absent");
                } else {
                    assertEquals(VALUE_BYTES, n, "live id " + id);
                    assertEquals(id * 31, out.get(LONG, 0), "live id " + id + " reads its own value");
                }
            }
        }
    }
}
