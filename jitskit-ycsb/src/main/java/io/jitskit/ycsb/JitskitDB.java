package io.jitskit.ycsb;

import io.jitskit.api.BufferTooSmallException;
import io.jitskit.api.Session;
import io.jitskit.api.ValueSizeException;
import io.jitskit.serve.CardRules;
import io.jitskit.spec.Operation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * YCSB's {@code DB} over a jitskit store: {@code -db io.jitskit.ycsb.JitskitDB -p jitskit.store=NAME|JAR
 * -p jitskit.spec=CARD.yaml -p jitskit.data=DIR}.
 *
 * <p>YCSB makes one instance per client thread and calls every method of it on that thread, so each instance opens
 * one store session in {@link #init()} and keeps it: a session never leaves its thread. The store is shared by the
 * instances of a JVM ({@link OpenStores}); the last {@link #cleanup()} checkpoints it when the card is durable and
 * closes it.
 *
 * <p>Keys: YCSB's {@code user<number>} keys go through the same mapping as Redis keys ({@link CardRules}): on an
 * {@code id8} card the number after YCSB's {@code user} prefix is the decimal id; on a variable card the key is its
 * bytes as sent. Values: a card holds one value per key, so a record is encoded as one value ({@link Records});
 * {@code update} of some fields reads the record, replaces them and writes it back (not atomic: YCSB's workloads
 * never update a key from two threads at once by design of their key choosers, but two threads may). The table name
 * is ignored: a store is one keyspace. What the card cannot hold (a key it has no room for, a record larger than its
 * values, an operation it lacks) is refused with {@link Status#BAD_REQUEST} and one line on stderr, the first time
 * for each kind of refusal; {@code scan} is {@link Status#NOT_IMPLEMENTED}: the SPI has no ordered iteration.
 */
public final class JitskitDB extends DB {

    /** YCSB's key prefix (CoreWorkload's {@code user}), taken off before an id8 card reads the key as a number. */
    static final String YCSB_KEY_PREFIX = "user";

    /** Refusal kinds already logged in this JVM: one line each, not one per operation. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private OpenStores.Shared shared;
    private CardRules rules;
    private Session session;
    private int sessionId = -1;
    private Arena arena;
    private MemorySegment key;
    private MemorySegment value;

    @Override
    public void init() throws DBException {
        shared = OpenStores.acquire(getProperties());
        rules = shared.rules;
        try {
            sessionId = OpenStores.sessionId(shared);
            session = shared.store.openSession(sessionId);
            // Buffers of the card's largest key and value, owned by this thread's instance and reused by every call.
            arena = Arena.ofShared();
            key = arena.allocate(Math.max(1, rules.maxKey()));
            value = arena.allocate(Math.max(2, rules.maxValue()));
        } catch (final RuntimeException e) {
            cleanup();
            throw new DBException("jitskit: a session of " + shared.key.store() + " does not open: " + e.getMessage(),
                e);
        }
    }

    @Override
    public void cleanup() throws DBException {
        if (shared == null) {
            return;
        }
        try {
            if (session != null) {
                session.close();
            }
            if (sessionId >= 0) {
                OpenStores.endSession(shared, sessionId);
            }
            if (arena != null) {
                arena.close();
            }
        } finally {
            final OpenStores.Shared s = shared;
            shared = null;
            session = null;
            OpenStores.release(s);
        }
    }

    @Override
    public Status read(final String table, final String k, final Set<String> fields,
                       final Map<String, ByteIterator> result) {
        if (!rules.supports(Operation.READ)) {
            return refused("read", "the card has no read (requirements.operations)");
        }
        final int keyLength = storeKey(k);
        if (keyLength < 0) {
            return refusedKey("read", k);
        }
        final int n;
        try {
            n = session.read(key.asSlice(0, keyLength), value);
        } catch (final BufferTooSmallException e) {
            return refused("read", "the store returned a value larger than the card allows: " + e.getMessage());
        }
        if (n == Session.NOT_FOUND) {
            return Status.NOT_FOUND;
        }
        final TreeMap<String, byte[]> record;
        try {
            record = Records.decode(value, n, fields);
        } catch (final IllegalArgumentException e) {
            return refused("read", e.getMessage());
        }
        for (final Map.Entry<String, byte[]> f : record.entrySet()) {
            result.put(f.getKey(), new ByteArrayByteIterator(f.getValue()));
        }
        return Status.OK;
    }

    @Override
    public Status scan(final String table, final String startkey, final int recordcount, final Set<String> fields,
                       final Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status update(final String table, final String k, final Map<String, ByteIterator> values) {
        if (!rules.supports(Operation.READ) || !rules.supports(Operation.UPSERT)) {
            return refused("update", "an update of some fields is a read and an upsert of the record, and the card "
                + "lacks " + (rules.supports(Operation.READ) ? "upsert" : "read") + " (requirements.operations)");
        }
        final int keyLength = storeKey(k);
        if (keyLength < 0) {
            return refusedKey("update", k);
        }
        final MemorySegment storeKey = key.asSlice(0, keyLength);
        final int n = session.read(storeKey, value);
        if (n == Session.NOT_FOUND) {
            return Status.NOT_FOUND;
        }
        final TreeMap<String, byte[]> record;
        try {
            record = Records.decode(value, n, null);
        } catch (final IllegalArgumentException e) {
            return refused("update", e.getMessage());
        }
        for (final Map.Entry<String, ByteIterator> f : values.entrySet()) {
            record.put(f.getKey(), f.getValue().toArray());
        }
        return write("update", storeKey, record, false);
    }

    @Override
    public Status insert(final String table, final String k, final Map<String, ByteIterator> values) {
        if (!rules.supports(Operation.UPSERT) && !rules.supports(Operation.INSERT)) {
            return refused("insert", "the card has neither upsert nor insert (requirements.operations)");
        }
        final int keyLength = storeKey(k);
        if (keyLength < 0) {
            return refusedKey("insert", k);
        }
        final TreeMap<String, byte[]> record = new TreeMap<>();
        for (final Map.Entry<String, ByteIterator> f : values.entrySet()) {
            record.put(f.getKey(), f.getValue().toArray());
        }
        return write("insert", key.asSlice(0, keyLength), record, !rules.supports(Operation.UPSERT));
    }

    @Override
    public Status delete(final String table, final String k) {
        if (!rules.supports(Operation.DELETE)) {
            return refused("delete", "the card has no delete (requirements.operations)");
        }
        final int keyLength = storeKey(k);
        if (keyLength < 0) {
            return refusedKey("delete", k);
        }
        return session.delete(key.asSlice(0, keyLength)) ? Status.OK : Status.NOT_FOUND;
    }

    /**
     * Encodes {@code record} padded to the smallest size the card allows and writes it: an upsert, or an insert when
     * the card has insert and no upsert (an insert YCSB retries on a present key then fails, as the card says).
     */
    private Status write(final String op, final MemorySegment storeKey, final TreeMap<String, byte[]> record,
                         final boolean insertOnly) {
        final long size = Records.size(record);
        final int padded = size < 0 || size > rules.maxValue() ? -1
            : CardRules.smallestAllowedFrom(rules.spec().workload().valueSizes(), (int) size);
        if (padded < 0) {
            return refused(op, "a record of " + record.size() + " fields is " + size + " bytes encoded and the card "
                + "allows values of " + CardRules.describe(rules.spec().workload().valueSizes()) + " bytes "
                + "(workload.values); a card for YCSB needs values of at least 2 + fieldcount x (12 + fieldlength) "
                + "bytes (" + Records.YCSB_DEFAULT_RECORD + " for the stock 10 x 100 B)");
        }
        Records.encode(record, value, padded);
        final MemorySegment v = value.asSlice(0, padded);
        try {
            if (insertOnly) {
                return session.insert(storeKey, v) ? Status.OK : Status.ERROR;
            }
            session.upsert(storeKey, v);
            return Status.OK;
        } catch (final ValueSizeException e) {
            return refused(op, e.getMessage());
        }
    }

    /** The store key for YCSB's key {@code k} in {@link #key}, or -1 when the card has no such key. */
    private int storeKey(final String k) {
        final String id = rules.id8() && k.startsWith(YCSB_KEY_PREFIX) ? k.substring(YCSB_KEY_PREFIX.length()) : k;
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return rules.storeKey(bytes, 0, bytes.length, key);
    }

    private Status refusedKey(final String op, final String k) {
        final byte[] bytes = k.getBytes(StandardCharsets.UTF_8);
        final String why = rules.id8()
            ? "key '" + k + "' is not YCSB's 'user' followed by a decimal id, as the card's 8-byte ids need "
                + "(workload.keys.format); YCSB's zeropadding and insertorder keep its keys so"
            : rules.keyError(bytes, 0, bytes.length);
        return refused(op, why);
    }

    /** {@link Status#BAD_REQUEST}, with one line on stderr the first time this operation is refused for this reason. */
    private static Status refused(final String op, final String reason) {
        // The kind of refusal is its reason without the key: one line per kind, however many keys it hits.
        final String kind = op + ": " + reason.replaceAll("'[^']*'", "'...'").replaceAll("\\d+", "N");
        if (LOGGED.add(kind)) {
            System.err.println("jitskit: " + op + " refused: " + reason + " (further refusals of this kind are "
                + "counted in YCSB's " + op.toUpperCase(java.util.Locale.ROOT) + " BAD_REQUEST line, not logged)");
        }
        return Status.BAD_REQUEST;
    }
}
