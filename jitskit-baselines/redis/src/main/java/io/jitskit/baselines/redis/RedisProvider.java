package io.jitskit.baselines.redis;

import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.baselines.common.Fit;
import io.jitskit.baselines.common.SpecBounds;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens {@link RedisStore}s: store name {@code redis}. The server address comes from the system properties
 * {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY}, else the environment variables JITSKIT_REDIS_HOST and
 * JITSKIT_REDIS_PORT, else 127.0.0.1:{@value #DEFAULT_PORT}, where {@code bin/redis-server.sh start} puts it.
 */
public final class RedisProvider implements StoreProvider {

    public static final String NAME = "redis";
    public static final String HOST_PROPERTY = "jitskit.redis.host";
    public static final String PORT_PROPERTY = "jitskit.redis.port";
    public static final int DEFAULT_PORT = 6399;

    /** Bytes per key in redis beyond key and value: dict entry, robj, sds headers, jemalloc rounding. */
    static final int ENTRY_OVERHEAD = 80;

    /** the data lives in the redis-server process, out of sight of java.nio. */
    @Override
    public boolean filesThroughNio() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "redis-server on loopback through Jedis, one connection per session, out of process";
    }

    static String host() {
        final String env = System.getenv("JITSKIT_REDIS_HOST");
        return System.getProperty(HOST_PROPERTY, env != null ? env : "127.0.0.1");
    }

    static int port() {
        final String env = System.getenv("JITSKIT_REDIS_PORT");
        return Integer.parseInt(System.getProperty(PORT_PROPERTY, env != null ? env : Integer.toString(DEFAULT_PORT)));
    }

    @Override
    public String unsupportedReason(final StoreContext context) {
        // Redis holds everything in memory; its AOF meets every durability level (appendfsync always for commit,
        // an fsync at each checkpoint otherwise), so memory and reachability are what can fail.
        final var durability = context.spec().requirements().durability();
        if (durability.level() == io.jitskit.spec.Durability.Level.COMMIT && durability.groupCommitInterval().isZero()) {
            return NAME + " cannot give commit with a zero group-commit interval: reads advance serials too, and "
                + "recording each one durably would take a synced write per read; give the card an interval";
        }
        final SpecBounds bounds = new SpecBounds(context.spec());
        final long keys = context.spec().workload().keyCount();
        final String memory = Fit.memory(NAME, context,
            (long) (keys * (bounds.maxKeyBytes() + bounds.meanValueBytes() + ENTRY_OVERHEAD)),
            keys + " keys x (key + value + " + ENTRY_OVERHEAD + " B of redis overhead), all in memory");
        if (memory != null) {
            return memory;
        }
        try (Jedis probe = new Jedis(host(), port(), RedisStore.TIMEOUT_MILLIS)) {
            probe.ping();
            return null;
        } catch (final JedisException e) {
            return NAME + ": no redis-server answers at " + host() + ":" + port() + " (" + e.getMessage()
                + "); start it with bin/redis-server.sh start";
        }
    }

    @Override
    public Store open(final StoreContext context) {
        final String reason = unsupportedReason(context);
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        return RedisStore.open(NAME, context, host(), port());
    }
}
