package io.jitskit.testsupport;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A deterministic workload for recovery checks: the operation a session issues with serial number {@code n} is a pure
 * function of (seed, session, n). Sessions touch disjoint keys, so the state after any per-session prefixes is
 * determined by the prefixes alone, whatever the interleaving was; a recovery that reports prefixes can be checked
 * exactly by recomputing that state.
 *
 * <p>Each session owns {@code keysPerSession} plain keys, which it upserts (value = session, serial and filler),
 * inserts, deletes and reads, and {@code countersPerSession} counter keys, which it only rmw's ({@code add-u64} with a
 * delta in [1, 1000]). Proportions: read 15 %, upsert 45 %, insert 5 %, delete 10 %, rmw 25 %.
 */
public final class DrillWorkload {

    /** What an operation does. */
    public enum Kind { READ, UPSERT, INSERT, DELETE, RMW }

    private static final long COUNTER_KEY_BIT = 1L << 31;

    private final long seed;
    private final int sessions;
    private final int keysPerSession;
    private final int countersPerSession;
    private final int valueSize;

    public DrillWorkload(final long seed, final int sessions, final int keysPerSession, final int countersPerSession,
                         final int valueSize) {
        if (valueSize < 2 * Long.BYTES) {
            throw new IllegalArgumentException("drill values need at least 16 bytes, got " + valueSize);
        }
        this.seed = seed;
        this.sessions = sessions;
        this.keysPerSession = keysPerSession;
        this.countersPerSession = countersPerSession;
        this.valueSize = valueSize;
    }

    public int sessions() {
        return sessions;
    }

    public int valueSize() {
        return valueSize;
    }

    private long choice(final int session, final long serial) {
        return TestKeys.mix(seed, session, serial);
    }

    /** The kind of operation {@code serial} of {@code session}. */
    public Kind kind(final int session, final long serial) {
        final int roll = (int) Long.remainderUnsigned(choice(session, serial), 100);
        if (roll < 15) {
            return Kind.READ;
        } else if (roll < 60) {
            return Kind.UPSERT;
        } else if (roll < 65) {
            return Kind.INSERT;
        } else if (roll < 75) {
            return Kind.DELETE;
        }
        return Kind.RMW;
    }

    /** The id of the key operation {@code serial} of {@code session} touches. */
    public long keyId(final int session, final long serial) {
        final long pick = choice(session, serial) >>> 8;
        return kind(session, serial) == Kind.RMW
            ? counterKeyId(session, (int) Long.remainderUnsigned(pick, countersPerSession))
            : plainKeyId(session, (int) Long.remainderUnsigned(pick, keysPerSession));
    }

    /** The delta of an rmw operation. */
    public long delta(final int session, final long serial) {
        return 1 + Long.remainderUnsigned(choice(session, serial) >>> 40, 1000);
    }

    private static long plainKeyId(final int session, final int index) {
        return ((long) (session + 1) << 32) | index;
    }

    private static long counterKeyId(final int session, final int index) {
        return ((long) (session + 1) << 32) | COUNTER_KEY_BIT | index;
    }

    /** The value an upsert or insert with this serial writes. */
    public void writtenValue(final int session, final long serial, final MemorySegment dst) {
        dst.set(TestKeys.LONG_LE, 0, serial);
        dst.set(TestKeys.LONG_LE, Long.BYTES, session);
        TestKeys.fill(dst, 2 * Long.BYTES, seed, session, serial);
    }

    /** The initial value of a counter key: counter 0, then bytes that identify the key. */
    public void counterInitial(final long keyId, final MemorySegment dst) {
        dst.set(TestKeys.LONG_LE, 0, 0L);
        TestKeys.fill(dst, Long.BYTES, seed, keyId, -1);
    }

    /** Buffers one thread needs to issue operations; not shared between threads. */
    public final class Buffers {
        final MemorySegment key;
        final MemorySegment value;
        final MemorySegment out;

        Buffers(final Arena arena) {
            key = arena.allocate(TestKeys.ID_KEY_BYTES);
            value = arena.allocate(valueSize);
            out = arena.allocate(valueSize);
        }
    }

    /** Buffers allocated in {@code arena}, for one thread. */
    public Buffers buffers(final Arena arena) {
        return new Buffers(arena);
    }

    /**
     * Issues the session's next operation, which has serial {@code session.serial() + 1}.
     *
     * @return the serial issued
     */
    public long issueNext(final Session session, final Buffers b) {
        final int id = session.id();
        final long serial = session.serial() + 1;
        final long keyId = keyId(id, serial);
        TestKeys.writeIdKey(b.key, keyId);
        switch (kind(id, serial)) {
            case READ -> session.read(b.key, b.out);
            case UPSERT -> {
                writtenValue(id, serial, b.value);
                session.upsert(b.key, b.value);
            }
            case INSERT -> {
                writtenValue(id, serial, b.value);
                session.insert(b.key, b.value);
            }
            case DELETE -> session.delete(b.key);
            case RMW -> {
                counterInitial(keyId, b.value);
                session.rmw(b.key, delta(id, serial), b.value);
            }
        }
        return serial;
    }

    /**
     * The state after each session's operations up to its prefix: for each key id touched, the serial of the write
     * that set a plain key (absent keys are missing), or the counter of a counter key.
     */
    public Map<Long, Long> expectedState(final Map<Integer, Long> prefixes) {
        final Map<Long, Long> state = new HashMap<>();
        for (int s = 0; s < sessions; s++) {
            final long prefix = prefixes.getOrDefault(s, 0L);
            for (long serial = 1; serial <= prefix; serial++) {
                final Long keyId = keyId(s, serial);
                switch (kind(s, serial)) {
                    case READ -> { }
                    case UPSERT -> state.put(keyId, serial);
                    case INSERT -> state.putIfAbsent(keyId, serial);
                    case DELETE -> state.remove(keyId);
                    case RMW -> state.merge(keyId, delta(s, serial), Long::sum);
                }
            }
        }
        return state;
    }

    /**
     * Reads every key the workload can touch and compares it with the state after {@code prefixes}.
     *
     * @return {@code null} when the store holds exactly that state, else a description of the first difference
     */
    public String verify(final Store store, final Map<Integer, Long> prefixes, final int sessionId) {
        final Map<Long, Long> expected = expectedState(prefixes);
        try (Arena arena = Arena.ofConfined(); Session session = store.openSession(sessionId)) {
            final Buffers b = buffers(arena);
            final MemorySegment wanted = arena.allocate(valueSize);
            for (int s = 0; s < sessions; s++) {
                for (int i = 0; i < keysPerSession + countersPerSession; i++) {
                    final boolean counter = i >= keysPerSession;
                    final long keyId = counter ? counterKeyId(s, i - keysPerSession) : plainKeyId(s, i);
                    TestKeys.writeIdKey(b.key, keyId);
                    final int length = session.read(b.key, b.out);
                    final Long model = expected.get(keyId);
                    if (model == null) {
                        if (length != Session.NOT_FOUND) {
                            return describe(s, keyId, "absent", length, b.out);
                        }
                        continue;
                    }
                    if (counter) {
                        counterInitial(keyId, wanted);
                        wanted.set(TestKeys.LONG_LE, 0, model);
                    } else {
                        writtenValue(s, model, wanted);
                    }
                    if (length != valueSize || b.out.asSlice(0, valueSize).mismatch(wanted) != -1) {
                        return describe(s, keyId, counter ? "counter " + model : "the value of serial " + model,
                            length, b.out);
                    }
                }
            }
        }
        return null;
    }

    private static String describe(final int session, final long keyId, final String wanted, final int length,
                                   final MemorySegment out) {
        final String found = length == Session.NOT_FOUND ? "absent"
            : length + " bytes starting " + Arrays.toString(
                out.asSlice(0, Math.min(length, 16)).toArray(ValueLayout.JAVA_BYTE))
              + " (first 8 bytes as a little-endian long: " + out.get(TestKeys.LONG_LE, 0) + ")";
        return "session " + session + ", key id " + Long.toHexString(keyId) + ": expected " + wanted + ", found "
            + found;
    }
}
