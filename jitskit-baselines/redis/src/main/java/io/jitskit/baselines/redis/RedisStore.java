package io.jitskit.baselines.redis;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Recovery;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreException;
import io.jitskit.baselines.common.BaselineStore;
import io.jitskit.baselines.common.DataDirs;
import io.jitskit.baselines.common.GatedSession;
import io.jitskit.baselines.common.GroupCommitter;
import io.jitskit.baselines.common.OperationGate;
import io.jitskit.spec.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/*
 * Layout: user keys are redis string keys holding the value bytes (RESP is binary-safe). The session serials live
 * in one hash, SERIALS_KEY, field = session id, value = serial, plus field "c" = last checkpoint id. SERIALS_KEY
 * is 4 bytes long: no spec key is shorter than 8, so it cannot collide.
 *
 * Concurrency: one connection per session. Redis executes commands one at a time, so each command, and each Lua
 * script, is atomic: GET/SET/DEL directly, insert as SET NX, and add-u64 as a script (INCRBY parses decimal text;
 * our counter is the first 8 bytes of a binary value, and Redis' Lua numbers are doubles, so the script adds the
 * delta bytewise with carry, exact over 64 bits).
 *
 * Durability & recovery:
 *   none:               CONFIG SET save "" and appendonly no; FLUSHDB at open.
 *   checkpoint, commit: CONFIG SET appendonly yes. Each mutation is one script that also HSETs the session's
 *                       serial, so the AOF holds data and serials in the same atomic unit (a script is logged as one
 *                       transaction). checkpoint() stops the sessions and HSETs every serial.
 *     commit:           appendfsync always: the server fsyncs its AOF before it replies, so every acknowledged write
 *                       is durable; every group-commit interval the serials of all sessions (reads included) are
 *                       recorded too. A zero interval is declined: it would take a synced write per read.
 *     checkpoint:       appendfsync no while sessions run; the checkpoint's HSET is sent with appendfsync switched
 *                       to always for that one command, so its reply waits for an fsync of the whole AOF, which
 *                       holds every earlier write too (redis 7.0 has no WAITAOF to ask for that directly).
 *   Recovery reads the serials hash from the server, which still holds (or reloaded from its AOF) exactly the
 *   writes it applied, each beside its serial.
 *   The server is out of process: a kill of the store's JVM loses nothing the server applied. Because the server
 *   outlives stores, its data is tied to the store's data directory by an owner id (a marker file there, a key
 *   in redis): a store opened on another directory wipes the server instead of recovering a stranger's state.
 *
 * What a synchronous SPI allows: every operation waits for its reply (a read needs its value, a write its ack),
 * so there is one round trip per operation and nothing to pipeline inside a session. Jedis' binary API takes and
 * returns byte[], so each operation allocates its key and value arrays.
 */
final class RedisStore extends BaselineStore {

    static final int TIMEOUT_MILLIS = 10_000;
    private static final byte[] SERIALS_KEY = {0, 'j', 'k', 's'};
    private static final byte[] CHECKPOINT_FIELD = {'c'};
    /** The id of the store whose data the server holds; matches the marker file in the store's data directory. */
    private static final byte[] OWNER_KEY = {0, 'j', 'k', 'o'};
    private static final String OWNER_FILE = "redis-owner";

    /** KEYS[1] key; ARGV[1] initial value, ARGV[2] delta as 8 LE bytes, [ARGV[3] session, ARGV[4] serial]. */
    private static final String RMW_SCRIPT = """
        local v = redis.call('GET', KEYS[1])
        if not v then v = ARGV[1] end
        if #v < 8 then return redis.error_reply('ERR add-u64 on a ' .. #v .. '-byte value') end
        local d = ARGV[2]
        local out = {}
        local carry = 0
        for i = 1, 8 do
          local s = string.byte(v, i) + string.byte(d, i) + carry
          out[i] = string.char(s % 256)
          carry = math.floor(s / 256)
        end
        local nv = table.concat(out) .. string.sub(v, 9)
        redis.call('SET', KEYS[1], nv)
        if KEYS[2] then redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) end
        return string.sub(nv, 1, 8)
        """;
    /** KEYS[1] key, KEYS[2] serials; ARGV[1] value, ARGV[2] session, ARGV[3] serial. */
    private static final String UPSERT_SCRIPT = """
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
        return 1
        """;
    private static final String INSERT_SCRIPT = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
          redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
          return 1
        end
        return 0
        """;
    /** KEYS[1] key, KEYS[2] serials; ARGV[1] session, ARGV[2] serial. */
    private static final String DELETE_SCRIPT = """
        local n = redis.call('DEL', KEYS[1])
        if n == 1 then redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
        return n
        """;

    private final String host;
    private final int port;
    private final boolean durable;
    private final boolean fsyncPerWrite;
    private final Jedis admin;
    private final GroupCommitter committer;
    private final byte[] rmwSha;
    private final byte[] upsertSha;
    private final byte[] insertSha;
    private final byte[] deleteSha;

    private RedisStore(final String name, final StoreContext context, final Recovery recovery,
                       final Durability durability, final Map<String, String> config, final String host,
                       final int port, final Jedis admin) {
        super(name, context, recovery, durability, config);
        this.host = host;
        this.port = port;
        this.durable = durability.isDurable();
        this.fsyncPerWrite = durability.level() == Durability.Level.COMMIT;
        this.admin = admin;
        this.rmwSha = admin.scriptLoad(RMW_SCRIPT.getBytes(StandardCharsets.UTF_8));
        this.upsertSha = admin.scriptLoad(UPSERT_SCRIPT.getBytes(StandardCharsets.UTF_8));
        this.insertSha = admin.scriptLoad(INSERT_SCRIPT.getBytes(StandardCharsets.UTF_8));
        this.deleteSha = admin.scriptLoad(DELETE_SCRIPT.getBytes(StandardCharsets.UTF_8));
        this.committer = fsyncPerWrite
            ? new GroupCommitter("redis-group-commit", durability.groupCommitInterval(), this::recordSerials)
            : null;
    }

    /**
     * Group commit for reads: writes already reach the AOF with their serials, but a read advances its session's
     * serial without a write, and an acknowledged read must be recovered too. Every interval, the serials are
     * captured at the gate and written in one HSET (fsynced before its reply under appendfsync always).
     */
    private void recordSerials() {
        gate.quiesce(captured -> {
            final Map<byte[], byte[]> fields = new HashMap<>();
            captured.forEach((session, serial) -> fields.put(ascii(session), ascii(serial)));
            if (!fields.isEmpty()) {
                synchronized (admin) {
                    admin.hset(SERIALS_KEY, fields);
                }
            }
            return null;
        });
    }

    static RedisStore open(final String name, final StoreContext context, final String host, final int port) {
        final Durability required = context.spec().requirements().durability();
        final Jedis admin = new Jedis(host, port, TIMEOUT_MILLIS);
        try {
            final Map<String, String> config = new LinkedHashMap<>();
            config.put(CATEGORY, OUT_OF_PROCESS);
            config.put("server", host + ":" + port + " redis " + admin.info("server").lines()
                .filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).trim()).findFirst()
                .orElse("?"));
            config.put("client", "Jedis, one connection per session, one round trip per operation");
            config.put("rmw", "Lua script (EVALSHA), bytewise 64-bit add");
            admin.configSet("save", "");
            Recovery recovery = Recovery.none();
            if (required.isDurable()) {
                admin.configSet("appendonly", "yes");
                if (required.level() == Durability.Level.COMMIT) {
                    admin.configSet("appendfsync", "always");
                    config.put("persistence", "appendonly yes, appendfsync always (fsync before every reply)");
                } else {
                    admin.configSet("appendfsync", "no");
                    config.put("persistence", "appendonly yes, appendfsync no; AOF fsync at each checkpoint");
                }
                // The server outlives stores: its data belongs to this store only if the data directory's marker
                // names the same owner as the server does; anything else is another store's state and is wiped.
                final Path marker = context.dataDir().resolve(OWNER_FILE);
                final byte[] owner = DataDirs.readPublished(marker).orElse(null);
                final byte[] serverOwner = admin.get(OWNER_KEY);
                final Map<byte[], byte[]> stored = owner != null && Arrays.equals(owner, serverOwner)
                    ? admin.hgetAll(SERIALS_KEY) : Map.of();
                if (stored.isEmpty()) {
                    admin.flushDB();
                    final byte[] fresh = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
                    admin.set(OWNER_KEY, fresh);
                    Files.createDirectories(context.dataDir());
                    DataDirs.publish(marker, fresh);
                } else {
                    final TreeMap<Integer, Long> serials = new TreeMap<>();
                    long checkpointId = -1;
                    for (final Map.Entry<byte[], byte[]> e : stored.entrySet()) {
                        final String field = new String(e.getKey(), StandardCharsets.US_ASCII);
                        final long v = Long.parseLong(new String(e.getValue(), StandardCharsets.US_ASCII));
                        if (field.equals("c")) {
                            checkpointId = v;
                        } else {
                            serials.put(Integer.parseInt(field), v);
                        }
                    }
                    recovery = new Recovery(true, checkpointId, serials);
                }
            } else {
                admin.configSet("appendonly", "no");
                config.put("persistence", "none (save \"\", appendonly no)");
                admin.flushDB();
            }
            final Durability offered = switch (required.level()) {
                case NONE -> Durability.none();
                case CHECKPOINT -> Durability.checkpoint();
                // appendfsync always puts every write on disk before its reply; reads are recorded each interval.
                case COMMIT -> required;
            };
            return new RedisStore(name, context, recovery, offered, config, host, port, admin);
        } catch (final RuntimeException e) {
            admin.close();
            throw e;
        } catch (final IOException e) {
            admin.close();
            throw new UncheckedIOException("redis: cannot write the owner marker in " + context.dataDir(), e);
        }
    }

    @Override
    protected GatedSession newSession(final OperationGate.Slot slot) {
        return guarded(slot, () -> new RedisSession(slot));
    }

    @Override
    public Checkpoint checkpoint() {
        if (!durable) {
            throw new UnsupportedOperationException("redis was opened for durability none (no AOF); it takes no "
                + "checkpoints");
        }
        return gate.quiesce(captured -> {
            final long id = nextCheckpointId();
            final Map<byte[], byte[]> fields = new HashMap<>();
            captured.forEach((session, serial) -> fields.put(ascii(session), ascii(serial)));
            fields.put(CHECKPOINT_FIELD, ascii(id));
            synchronized (admin) {
                // One HSET: atomic. Under appendfsync always its reply waits for an fsync of the whole AOF.
                if (fsyncPerWrite) {
                    admin.hset(SERIALS_KEY, fields);
                } else {
                    admin.configSet("appendfsync", "always");
                    try {
                        admin.hset(SERIALS_KEY, fields);
                    } finally {
                        admin.configSet("appendfsync", "no");
                    }
                }
            }
            return new Checkpoint(id, captured);
        });
    }

    private static byte[] ascii(final long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        try {
            if (committer != null) {
                committer.close();
            }
        } finally {
            synchronized (admin) {
                admin.close();
            }
        }
    }

    private final class RedisSession extends GatedSession {

        private final Jedis jedis;
        private final byte[] sessionField;
        private final ByteBuffer delta = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);

        RedisSession(final OperationGate.Slot slot) {
            super(gate, slot, RedisStore.this.bounds);
            this.jedis = new Jedis(host, port, TIMEOUT_MILLIS);
            this.sessionField = ascii(slot.sessionId());
        }

        private StoreException failed(final String op, final JedisException e) {
            return new StoreException("redis " + op + " failed: " + e.getMessage(), e);
        }

        @Override
        protected int doRead(final MemorySegment key, final MemorySegment out, final long serial) {
            try {
                final byte[] value = jedis.get(key.toArray(ValueLayout.JAVA_BYTE));
                return value == null ? NOT_FOUND : deliver(MemorySegment.ofArray(value), value.length, out);
            } catch (final JedisException e) {
                throw failed("GET", e);
            }
        }

        @Override
        protected void doUpsert(final MemorySegment key, final MemorySegment value, final long serial) {
            final byte[] k = key.toArray(ValueLayout.JAVA_BYTE);
            final byte[] v = value.toArray(ValueLayout.JAVA_BYTE);
            try {
                if (durable) {
                    jedis.evalsha(upsertSha, List.of(k, SERIALS_KEY), List.of(v, sessionField, ascii(serial)));
                } else {
                    jedis.set(k, v);
                }
            } catch (final JedisException e) {
                throw failed("SET", e);
            }
        }

        @Override
        protected long doRmw(final MemorySegment key, final long d, final MemorySegment initial, final long serial) {
            final byte[] k = key.toArray(ValueLayout.JAVA_BYTE);
            final byte[] init = initial.toArray(ValueLayout.JAVA_BYTE);
            final byte[] deltaBytes = delta.putLong(0, d).array().clone();
            try {
                final Object counter = durable
                    ? jedis.evalsha(rmwSha, List.of(k, SERIALS_KEY), List.of(init, deltaBytes, sessionField,
                        ascii(serial)))
                    : jedis.evalsha(rmwSha, List.of(k), List.of(init, deltaBytes));
                return ByteBuffer.wrap((byte[]) counter).order(ByteOrder.LITTLE_ENDIAN).getLong();
            } catch (final JedisException e) {
                throw failed("add-u64 script", e);
            }
        }

        @Override
        protected boolean doDelete(final MemorySegment key, final long serial) {
            final byte[] k = key.toArray(ValueLayout.JAVA_BYTE);
            try {
                return durable
                    ? (Long) jedis.evalsha(deleteSha, List.of(k, SERIALS_KEY), List.of(sessionField, ascii(serial)))
                        == 1L
                    : jedis.del(k) == 1L;
            } catch (final JedisException e) {
                throw failed("DEL", e);
            }
        }

        @Override
        protected boolean doInsert(final MemorySegment key, final MemorySegment value, final long serial) {
            final byte[] k = key.toArray(ValueLayout.JAVA_BYTE);
            final byte[] v = value.toArray(ValueLayout.JAVA_BYTE);
            try {
                return durable
                    ? (Long) jedis.evalsha(insertSha, List.of(k, SERIALS_KEY), List.of(v, sessionField,
                        ascii(serial))) == 1L
                    : jedis.set(k, v, SetParams.setParams().nx()) != null;
            } catch (final JedisException e) {
                throw failed("SET NX", e);
            }
        }

        @Override
        protected void closeResources() {
            jedis.close();
        }
    }
}
