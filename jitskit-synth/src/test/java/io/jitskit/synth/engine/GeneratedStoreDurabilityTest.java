package io.jitskit.synth.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.spec.Durability;
import io.jitskit.spec.SizeDistribution;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPR recovery: two sessions run deterministic operation streams on disjoint keys, a checkpoint is taken while they
 * run, the store is closed without another checkpoint, and the reopened store must hold exactly each session's
 * reported prefix (commit durability: everything that was logged). The streams are a function of (session, serial),
 * so the expected state is recomputed from the serials alone.
 */
class GeneratedStoreDurabilityTest {

    private static final int OPS = 40_000;
    /** Operations each session runs after the checkpoint has returned. */
    private static final int TAIL_OPS = 1_000;
    private static final int KEYS_PER_SESSION = 96;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jitskit.synth.engine.Variants#durableArguments")
    @Timeout(120)
    void aCheckpointTakenUnderWritersRecoversExactlyTheReportedPrefixes(final Variants.Variant v) throws Exception {
        final SizeDistribution sizes = v.spec().workload().valueSizes();
        final boolean commit = v.design().commitLog();
        final Checkpoint checkpoint;
        final long[] finalSerials;
        try (Store store = StoreFixture.open(v.spec(), v.design(), dir)) {
            // Per session: on a loaded machine one worker may start long after the other, and the checkpoint must
            // cut both runs.
            final AtomicLongArray progress = new AtomicLongArray(2);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final AtomicBoolean checkpointed = new AtomicBoolean();
            final CyclicBarrier together = new CyclicBarrier(2);
            final Thread[] workers = new Thread[2];
            for (int sid = 0; sid < 2; sid++) {
                final int id = sid;
                workers[sid] = Thread.ofPlatform().start(() -> {
                    try (Session s = store.openSession(id); Arena arena = Arena.ofConfined()) {
                        together.await();
                        // Runs until the checkpoint has returned, then a few more operations: however the two
                        // threads are scheduled, the checkpoint falls strictly inside each session's run.
                        long i = 0;
                        while (!checkpointed.get()) {
                            step(s, arena, id, i++, sizes);
                            progress.incrementAndGet(id);
                        }
                        for (int tail = 0; tail < TAIL_OPS; tail++) {
                            step(s, arena, id, i++, sizes);
                            progress.incrementAndGet(id);
                        }
                    } catch (final Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            while ((progress.get(0) < OPS / 4 || progress.get(1) < OPS / 4) && failure.get() == null) {
                Thread.onSpinWait();
            }
            checkpoint = store.checkpoint();
            checkpointed.set(true);
            for (final Thread w : workers) {
                w.join();
            }
            assertNull(failure.get());
            final long s0 = checkpoint.serialOf(0);
            final long s1 = checkpoint.serialOf(1);
            finalSerials = new long[] {progress.get(0), progress.get(1)};
            assertTrue(s0 > 0 && s0 < finalSerials[0] && s1 > 0 && s1 < finalSerials[1], v.name()
                + ": the checkpoint cut mid-run: " + checkpoint.serials() + ", runs ended at " + progress);
            final Map<String, Double> m = store.metrics().orElseThrow().snapshot();
            assertEquals(1.0, m.get("checkpoint.count"), v.name());
            assertTrue(m.get("checkpoint.pause_ms.last") >= 0, v.name());
        }
        try (Store reopened = StoreFixture.open(v.spec(), v.design(), dir)) {
            final Recovery r = reopened.recovery();
            assertTrue(r.restored(), v.name());
            assertEquals(checkpoint.id(), r.checkpointId(), v.name());
            for (int sid = 0; sid < 2; sid++) {
                // Commit: close flushed a last frame, so every operation is in, up to the final serial.
                final long expected = commit ? finalSerials[sid] : checkpoint.serialOf(sid);
                assertEquals(expected, r.serialOf(sid), v.name() + ": recovered serial of session " + sid);
                verifyPrefix(reopened, sid, expected, sizes, v.name());
            }
            try (Session s = reopened.openSession(1)) {
                assertEquals(r.serialOf(1), s.serial(), v.name() + ": a reopened session continues its serials");
            }
            final Checkpoint next = reopened.checkpoint();
            assertTrue(next.id() > checkpoint.id(), v.name() + ": checkpoint ids increase across reopen");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commitVariants")
    @Timeout(60)
    void commitDurabilityRecoversEveryLoggedOperationWithoutACloseOrCheckpoint(final Variants.Variant v)
        throws Exception {
        final SizeDistribution sizes = v.spec().workload().valueSizes();
        final Store crashed = StoreFixture.open(v.spec(), v.design(), dir);
        try {
            try (Arena arena = Arena.ofConfined()) {
                final Session s0 = crashed.openSession(0);
                final Session s1 = crashed.openSession(1);
                for (long i = 0; i < OPS / 4; i++) {
                    step(s0, arena, 0, i, sizes);
                    step(s1, arena, 1, i, sizes);
                }
                // Sessions stay open and the store is never closed: the process "dies" after the group commit.
            }
            Thread.sleep(10 * v.spec().requirements().durability().groupCommitInterval().toMillis());
            try (Store recovered = StoreFixture.open(v.spec(), v.design(), dir)) {
                final Recovery r = recovered.recovery();
                assertTrue(r.restored(), v.name());
                assertEquals(-1, r.checkpointId(), v.name() + ": state came from logs only");
                for (int sid = 0; sid < 2; sid++) {
                    // Without a close, the serial is the watermark of the last frame with records: at least the last
                    // state-changing operation, at most the last operation; the state is the same for all of them.
                    final long serial = r.serialOf(sid);
                    assertTrue(serial >= lastMutationSerial(OPS / 4) && serial <= OPS / 4,
                        v.name() + " session " + sid + " recovered serial " + serial);
                    verifyPrefix(recovered, sid, serial, sizes, v.name());
                }
            }
        } finally {
            crashed.close();
        }
    }

    static Stream<Variants.Variant> commitVariants() {
        return Variants.durable().stream().filter(v -> v.design().commitLog());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jitskit.synth.engine.Variants#durableArguments")
    @Timeout(60)
    void checkpointsReclaimTheSpaceOfWhatTheySubsume(final Variants.Variant v) throws Exception {
        final SizeDistribution sizes = v.spec().workload().valueSizes();
        try (Store store = StoreFixture.open(v.spec(), v.design(), dir);
             Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 4; round++) {
                for (long i = round * 2_000L; i < (round + 1) * 2_000L; i++) {
                    step(s, arena, 0, i, sizes);
                }
                store.checkpoint();
            }
            if (v.design().commitLog()) {
                // Give the flusher a period to write the (empty) new epoch; nothing of the old ones may remain.
                Thread.sleep(50);
            }
            final List<String> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertEquals(1, files.stream().filter(f -> f.startsWith("snapshot-")).count(), v.name() + ": " + files);
            assertTrue(files.stream().filter(f -> f.startsWith("log-")).allMatch(f -> SessionLogNames.epoch(f) >= 4),
                v.name() + ": old log epochs deleted: " + files);
        }
    }

    @Test
    void durabilityNoneRefusesCheckpointsAndKeepsNothing() throws Exception {
        final Spec spec = Cards.spec("none", 100, new SizeDistribution.Fixed(8), Cards.ALL_OPS, Durability.none(),
            Cards.GIB);
        try (Store store = StoreFixture.open(spec, Design.initial(spec), dir);
             Session s = store.openSession(0);
             Arena arena = Arena.ofConfined()) {
            s.upsert(StoreFixture.key(arena, 1), arena.allocate(8));
            assertThrows(UnsupportedOperationException.class, store::checkpoint);
            assertFalse(store.recovery().restored());
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(0, list.count(), "nothing written to the data directory");
        }
    }

    /* ------------------------------------------------------------------ deterministic session streams */

    /** Operation {@code i} (serial i + 1) of session {@code sid}: a function of both, on the session's own keys. */
    static void step(final Session s, final Arena arena, final int sid, final long i, final SizeDistribution sizes) {
        final MemorySegment key = StoreFixture.key(arena, keyOf(sid, i));
        switch ((int) (i % 8)) {
            case 5 -> s.rmw(key, i % 5 + 1, valueOf(arena, sid, i, sizes));
            case 6 -> s.delete(key);
            case 7 -> s.read(key, arena.allocate(sizes.max()));
            default -> s.upsert(key, valueOf(arena, sid, i, sizes));
        }
    }

    /** The serial of the last operation among the first {@code n} that certainly logs (reads and deletes may not). */
    static long lastMutationSerial(final long n) {
        long i = n - 1;
        while (i % 8 >= 6) {
            i--;
        }
        return i + 1;
    }

    static long keyOf(final int sid, final long i) {
        long h = (sid * 1_000_003L + i % KEYS_PER_SESSION) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return h * 0xBF58476D1CE4E5B9L;
    }

    static MemorySegment valueOf(final Arena arena, final int sid, final long i, final SizeDistribution sizes) {
        final int size = switch (sizes) {
            case SizeDistribution.Bimodal b -> i % 3 == 0 ? b.large() : b.small();
            default -> sizes.min() + (int) ((i * 7919) % (sizes.max() - sizes.min() + 1));
        };
        final MemorySegment v = arena.allocate(Math.max(size, sizes.min()));
        for (int b = 0; b < v.byteSize(); b++) {
            v.set(ValueLayout.JAVA_BYTE, b, (byte) (sid * 31 + i * 17 + b));
        }
        return v;
    }

    /** The state of session {@code sid}'s keys after its first {@code n} operations, by replaying the stream. */
    static Map<Long, byte[]> model(final int sid, final long n, final SizeDistribution sizes) {
        final Map<Long, byte[]> m = new HashMap<>();
        try (Arena arena = Arena.ofConfined()) {
            for (long i = 0; i < n; i++) {
                final long k = keyOf(sid, i);
                switch ((int) (i % 8)) {
                    case 5 -> {
                        final byte[] current = m.containsKey(k) ? m.get(k)
                            : valueOf(arena, sid, i, sizes).toArray(ValueLayout.JAVA_BYTE);
                        final MemorySegment c = MemorySegment.ofArray(current);
                        c.set(StoreFixture.LE, 0, c.get(StoreFixture.LE, 0) + i % 5 + 1);
                        m.put(k, current);
                    }
                    case 6 -> m.remove(k);
                    case 7 -> { }
                    default -> m.put(k, valueOf(arena, sid, i, sizes).toArray(ValueLayout.JAVA_BYTE));
                }
            }
        }
        return m;
    }

    static void verifyPrefix(final Store store, final int sid, final long n, final SizeDistribution sizes,
                             final String why) throws IOException {
        final Map<Long, byte[]> expected = model(sid, n, sizes);
        try (Session s = store.openSession(100 + sid); Arena arena = Arena.ofConfined()) {
            final MemorySegment out = arena.allocate(sizes.max());
            for (long j = 0; j < KEYS_PER_SESSION; j++) {
                final long k = keyOf(sid, j);
                final int len = s.read(StoreFixture.key(arena, k), out);
                final byte[] want = expected.get(k);
                if (want == null) {
                    assertEquals(Session.NOT_FOUND, len, why + ": session " + sid + " key " + j + " absent at " + n);
                } else {
                    assertArrayEquals(want, out.asSlice(0, Math.max(0, len)).toArray(ValueLayout.JAVA_BYTE),
                        why + ": session " + sid + " key " + j + " after " + n + " operations");
                }
            }
        }
    }

    /** Log file names as the generated SessionLog writes them: {@code log-<epoch>-<session>.bin}. */
    static final class SessionLogNames {
        static long epoch(final String name) {
            return Long.parseLong(name.substring(4, name.indexOf('-', 4)));
        }
    }
}
