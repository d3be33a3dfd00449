package io.jitskit.gate.crash;

import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.Lane;
import io.jitskit.gate.Workbench;
import io.jitskit.spec.Operation;
import io.jitskit.workload.ValueCodec;
import io.jitskit.workload.VersionClock;
import io.jitskit.workload.gen.Mix;
import java.lang.foreign.Arena;
import java.util.HashMap;
import java.util.Map;

/**
 * The crash tests' workload: the operation a session issues with serial {@code n} is a pure function of (hidden
 * seed, scenario, session, n), and sessions own disjoint keys, so the state after any per-session prefixes is
 * determined by the prefixes alone, whatever the interleaving; a recovery that reports prefixes can be checked
 * exactly by replaying them here (FASTER's sum-store drill, with values the store cannot forge).
 *
 * <p>Serials {@code 1..keys} of each session are its load: one write of each of its keys in order. After that:
 * upsert scenarios issue 70 % upserts, 10 % reads, 10 % deletes and 10 % inserts (deletes and inserts the spec
 * lacks become upserts; a spec of inserts and deletes only gets 90 % of those, its load is inserts); rmw scenarios 85 % rmw (delta in [1, 1000]) and 15 % reads. An upsert writes version
 * {@code VersionClock.of(n, session)} of its key at a size the spec allows for that version.
 */
public final class CrashWorkload {

    /** What an operation does. */
    public enum Kind { READ, UPSERT, INSERT, DELETE, RMW }

    private static final long COUNTER_VERSION = 1;
    private static final int HOT_KEYS = 16;

    private final Workbench bench;
    private final CrashScenario scenario;
    private final int sessions;
    private final int keys;
    private final long seed;
    private final boolean deletes;
    private final boolean inserts;
    private final boolean upserts;

    public CrashWorkload(final Workbench bench, final CrashScenario scenario, final int sessions,
                         final int keysPerSession) {
        this.bench = bench;
        this.scenario = scenario;
        this.sessions = sessions;
        this.keys = scenario.hotKeys() ? Math.min(HOT_KEYS, keysPerSession) : keysPerSession;
        this.seed = Mix.mix64(bench.seed() ^ (0xC8A5_4000L + scenario.ordinal()));
        this.deletes = bench.supports(Operation.DELETE);
        this.inserts = bench.supports(Operation.INSERT);
        this.upserts = bench.supports(Operation.UPSERT);
    }

    public int sessions() {
        return sessions;
    }

    public int keysPerSession() {
        return keys;
    }

    public Workbench bench() {
        return bench;
    }

    private ValueCodec codec() {
        return scenario.rmw() ? bench.counterCodec() : bench.codec();
    }

    private long choice(final int session, final long serial) {
        return Mix.mix64(seed ^ Mix.mix64(((long) session << 48) ^ serial));
    }

    /** The kind of operation {@code serial} of {@code session}. */
    public Kind kind(final int session, final long serial) {
        if (serial <= keys) {
            return scenario.rmw() ? Kind.RMW : upserts ? Kind.UPSERT : Kind.INSERT;
        }
        final int roll = (int) Long.remainderUnsigned(choice(session, serial), 100);
        if (scenario.rmw()) {
            return roll < 15 ? Kind.READ : Kind.RMW;
        }
        if (roll < 10) {
            return Kind.READ;
        } else if (roll < 20) {
            return deletes ? Kind.DELETE : Kind.UPSERT;
        } else if (roll < 30 || !upserts) {
            return inserts ? Kind.INSERT : Kind.UPSERT;
        }
        return Kind.UPSERT;
    }

    /** The key id operation {@code serial} of {@code session} touches. */
    public long keyId(final int session, final long serial) {
        final long index = serial <= keys ? serial - 1 : Long.remainderUnsigned(choice(session, serial) >>> 8, keys);
        return ((long) (session + 1) << 32) | index;
    }

    /** The delta of an rmw. */
    public long delta(final int session, final long serial) {
        return 1 + Long.remainderUnsigned(choice(session, serial) >>> 40, 1000);
    }

    /** The version an upsert or insert with this serial writes. */
    public static long version(final int session, final long serial) {
        return VersionClock.of(serial, session);
    }

    /** Issues the session's next operation, serial {@code session.serial() + 1}. */
    public void issueNext(final Session session, final Lane lane) {
        final int s = session.id();
        final long serial = session.serial() + 1;
        final long k = keyId(s, serial);
        switch (kind(s, serial)) {
            case READ -> lane.read(session, k);
            case UPSERT -> session.upsert(lane.key(k), value(lane, k, version(s, serial)));
            case INSERT -> session.insert(lane.key(k), value(lane, k, version(s, serial)));
            case DELETE -> session.delete(lane.key(k));
            case RMW -> session.rmw(lane.key(k), delta(s, serial),
                lane.value(bench.counterCodec(), k, COUNTER_VERSION, bench.counterValueBytes()));
        }
    }

    private java.lang.foreign.MemorySegment value(final Lane lane, final long k, final long version) {
        return lane.value(bench.codec(), k, version, bench.sizeOf(k, version));
    }

    /**
     * The state after each session's prefix: per key id touched, the version that set a plain key (absent keys are
     * missing) or the counter of a counter key.
     */
    public Map<Long, Long> expectedState(final Map<Integer, Long> prefixes) {
        final Map<Long, Long> state = new HashMap<>();
        for (int s = 0; s < sessions; s++) {
            final long prefix = prefixes.getOrDefault(s, 0L);
            for (long serial = 1; serial <= prefix; serial++) {
                final long k = keyId(s, serial);
                switch (kind(s, serial)) {
                    case READ -> { }
                    case UPSERT -> state.put(k, version(s, serial));
                    case INSERT -> state.putIfAbsent(k, version(s, serial));
                    case DELETE -> state.remove(k);
                    case RMW -> state.merge(k, delta(s, serial), Long::sum);
                }
            }
        }
        return state;
    }

    /**
     * Reads every key the workload can touch and compares it with the state after {@code prefixes}; every value
     * present must also verify on its own (no torn value).
     *
     * @return null when the store holds exactly that state, else the first difference in words
     */
    public String verify(final Store store, final Map<Integer, Long> prefixes, final int sessionId,
                         final long[] verified) {
        final Map<Long, Long> expected = expectedState(prefixes);
        final ValueCodec codec = codec();
        try (Arena arena = Arena.ofConfined(); Session session = store.openSession(sessionId)) {
            final Lane lane = bench.lane(arena);
            for (int s = 0; s < sessions; s++) {
                for (int i = 0; i < keys; i++) {
                    final long k = ((long) (s + 1) << 32) | i;
                    final int length = lane.read(session, k);
                    final Long model = expected.get(k);
                    final String wrong = judge(codec, lane, k, model, length);
                    if (wrong != null) {
                        return "session " + s + ", key id 0x" + Long.toHexString(k) + " (store key 0x"
                            + Long.toHexString(bench.keys().storeKey(k)) + "): " + wrong;
                    }
                    verified[0]++;
                }
            }
        }
        return null;
    }

    private String judge(final ValueCodec codec, final Lane lane, final long k, final Long model, final int length) {
        if (length != Session.NOT_FOUND && (length < 0 || length > bench.maxValueBytes())) {
            return "a length of " + length;
        }
        final long found = length == Session.NOT_FOUND ? Long.MIN_VALUE : codec.verify(k, lane.out(length));
        final String seen = length == Session.NOT_FOUND ? "absent" : found >= 0 ? "version " + found + " ("
            + length + " bytes" + (scenario.rmw() ? ", counter " + ValueCodec.counter(lane.out(length)) : "") + ")"
            : found == ValueCodec.TORN ? "a TORN value" : found == ValueCodec.WRONG_KEY ? "another key's value"
            : found == ValueCodec.CORRUPT ? "bytes no write produced" : length + " unverifiable bytes";
        if (model == null) {
            return length == Session.NOT_FOUND ? null : "expected absent, found " + seen;
        }
        if (length == Session.NOT_FOUND) {
            return "expected " + describe(model) + ", found absent";
        }
        if (scenario.rmw()) {
            final boolean ok = length == bench.counterValueBytes() && codec.matches(k, COUNTER_VERSION,
                lane.out(length)) && ValueCodec.counter(lane.out(length)) == model;
            return ok ? null : "expected " + describe(model) + ", found " + seen;
        }
        final boolean ok = length == bench.sizeOf(k, model) && codec.matches(k, model, lane.out(length));
        return ok ? null : "expected " + describe(model) + ", found " + seen;
    }

    private String describe(final long model) {
        return scenario.rmw() ? "counter " + model
            : "version " + model + " (serial " + VersionClock.sequenceOf(model) + ")";
    }
}
