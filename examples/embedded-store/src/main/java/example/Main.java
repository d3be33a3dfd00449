package example;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.Stores;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds a store: opens it for a card, writes and reads back keys from two threads (one session each), checkpoints,
 * closes, then opens it again on the same directory and reads a key the checkpoint kept.
 *
 * <p>Usage: {@code Main [CARD [STORE|JAR [DATA_DIR]]]}, by default {@code card.yaml reference data}.
 */
public final class Main {

    /** The card's keys are id8: an 8-byte id, little-endian. */
    private static final ValueLayout.OfLong ID = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int THREADS = 2;
    private static final int KEYS_PER_THREAD = 100;
    /** The card's values are 16 bytes; a store refuses any other size rather than pad or cut it. */
    private static final int VALUE_SIZE = 16;

    public static void main(final String[] args) throws Exception {
        final Path card = Path.of(args.length > 0 ? args[0] : "card.yaml");
        final String store = args.length > 1 ? args[1] : "reference";
        final Path data = Path.of(args.length > 2 ? args[2] : "data");

        try (Store opened = Stores.open(card, store, data)) {
            System.out.println("opened " + opened.info().name() + " in " + data);
            final List<Thread> workers = new ArrayList<>();
            final List<Throwable> failures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                // A session is the thread's own: sessions are not thread-safe, and each numbers its operations.
                workers.add(Thread.ofPlatform().start(() -> {
                    try (Session session = opened.openSession(thread)) {
                        writeAndReadBack(session, thread);
                    } catch (final Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (final Thread w : workers) {
                w.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a worker failed", failures.get(0));
            }
            // A checkpoint makes what was written so far survive a crash; close alone does not.
            final Checkpoint checkpoint = opened.checkpoint();
            System.out.println("checkpoint done: " + checkpoint);
        }

        // Opening the same directory again recovers the checkpoint.
        try (Store reopened = Stores.open(card, store, data);
             Arena arena = Arena.ofConfined();
             Session session = reopened.openSession(0)) {
            final MemorySegment key = arena.allocate(Long.BYTES);
            final MemorySegment out = arena.allocate(VALUE_SIZE);
            key.set(ID, 0, 0L);
            final int n = session.read(key, out);
            if (n != VALUE_SIZE || out.get(ID, 0) != 0L) {
                throw new IllegalStateException("key 0 not recovered (read returned " + n + ")");
            }
            System.out.println("recovered: " + reopened.recovery());
        }
        System.out.println("wrote and read back " + THREADS * KEYS_PER_THREAD + " keys from " + THREADS
            + " threads, checkpointed, closed, reopened");
    }

    /** Thread {@code t} owns ids t, t + THREADS, ...; each value holds its id twice. */
    private static void writeAndReadBack(final Session session, final int t) {
        try (Arena arena = Arena.ofConfined()) {
            // Caller-owned segments, reused for every operation: the store copies what it keeps.
            final MemorySegment key = arena.allocate(Long.BYTES);
            final MemorySegment value = arena.allocate(VALUE_SIZE);
            final MemorySegment out = arena.allocate(VALUE_SIZE);
            for (int i = 0; i < KEYS_PER_THREAD; i++) {
                final long id = (long) i * THREADS + t;
                key.set(ID, 0, id);
                value.set(ID, 0, id);
                value.set(ID, 8, id);
                session.upsert(key, value);
            }
            for (int i = 0; i < KEYS_PER_THREAD; i++) {
                final long id = (long) i * THREADS + t;
                key.set(ID, 0, id);
                final int n = session.read(key, out);
                if (n != VALUE_SIZE || out.get(ID, 0) != id || out.get(ID, 8) != id) {
                    throw new IllegalStateException("id " + id + " read back wrong (length " + n + ")");
                }
            }
        }
    }
}
