package io.jitskit.serve;

import io.jitskit.api.MetricNames;
import io.jitskit.api.Store;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store served over the Redis protocol: N I/O threads, each with its own selector and its own store session
 * ({@code store.openSession(threadIndex)}), connections handed to them round-robin.
 *
 * <p>The server does not own the store: whoever opened it closes it, after {@link #close()}. {@code SHUTDOWN} from a
 * client checkpoints (unless NOSAVE) and then only asks the server to stop; {@link #awaitStopRequest} returns, and the
 * owner closes the server and the store, so that the store is never closed under a running session.
 */
public final class RespServer implements AutoCloseable {

    /** The Redis version clients are told this speaks (the commands it has behave as in Redis 7.2). */
    static final String REDIS_VERSION = "7.2.0";
    /** Most connected clients, as Redis's default maxclients. */
    static final int MAX_CLIENTS = 10_000;

    /** Counters for INFO. */
    static final class Stats {
        final LongAdder commands = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder writes = new LongAdder();
        final LongAdder protocolErrors = new LongAdder();
        final AtomicLong connectionsReceived = new AtomicLong();
        final AtomicLong rejectedConnections = new AtomicLong();
    }

    private final Store store;
    private final CardRules rules;
    private final ServerConfig config;
    private final ServerSocketChannel listener;
    private final IoThread[] ioThreads;
    private final Thread[] threads;
    private final Stats stats = new Stats();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final AtomicInteger nextThread = new AtomicInteger();
    private final CountDownLatch started;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean saving = new AtomicBoolean();
    private final Object checkpointLock = new Object();
    private final long startMillis = System.currentTimeMillis();
    private volatile long lastSaveSeconds;
    private volatile String lastSaveStatus = "ok";
    private volatile boolean closed;

    private RespServer(final Store store, final Spec spec, final ServerConfig config) throws IOException {
        this.store = store;
        this.rules = new CardRules(spec);
        this.config = config;
        this.listener = ServerSocketChannel.open();
        this.ioThreads = new IoThread[config.threads()];
        this.threads = new Thread[config.threads()];
        this.started = new CountDownLatch(config.threads());
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), 1024);
            listener.configureBlocking(false);
            for (int i = 0; i < ioThreads.length; i++) {
                ioThreads[i] = new IoThread(this, i, i == 0 ? listener : null);
            }
        } catch (final IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * Binds and starts serving {@code store}, which serves {@code spec}; returns once every I/O thread holds its
     * session.
     *
     * @throws IOException when the address cannot be bound or a session cannot be opened
     */
    public static RespServer start(final Store store, final Spec spec, final ServerConfig config)
        throws IOException {
        final String unsafe = config.unsafeReason();
        if (unsafe != null) {
            throw new IllegalArgumentException(unsafe);
        }
        final String unservable = new CardRules(spec).unservableReason();
        if (unservable != null) {
            throw new IllegalArgumentException(unservable);
        }
        final RespServer server = new RespServer(store, spec, config);
        for (int i = 0; i < server.threads.length; i++) {
            server.threads[i] = Thread.ofPlatform().name("jitskit-serve-io-" + i).daemon(true)
                .start(server.ioThreads[i]);
        }
        try {
            while (!server.started.await(100, TimeUnit.MILLISECONDS)) {
                if (server.failure.get() != null) {
                    break;
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final Throwable t = server.failure.get();
        if (t != null) {
            server.close();
            throw new IOException("I/O thread failed to open its store session: " + t.getMessage(), t);
        }
        return server;
    }

    /** The port listened on (the one chosen when the config asked for 0). */
    public int port() {
        return ((InetSocketAddress) listenerAddress()).getPort();
    }

    /** The address listened on, as {@code host:port}. */
    public String address() {
        return config.bind().getHostAddress() + ":" + port();
    }

    private java.net.SocketAddress listenerAddress() {
        try {
            return listener.getLocalAddress();
        } catch (final IOException e) {
            throw new IllegalStateException("listener closed", e);
        }
    }

    public int threads() {
        return ioThreads.length;
    }

    /** Blocks until a client sends SHUTDOWN, an I/O thread fails, or {@link #close()} runs. */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /** Why an I/O thread stopped, or {@code null}. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops accepting, closes every connection, ends every session and waits for the I/O threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (final IoThread t : ioThreads) {
            if (t != null) {
                t.stop();
            }
        }
        for (final Thread t : threads) {
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(10_000);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            listener.close();
        } catch (final IOException ignored) {
            // Closing is all that is left to do.
        }
        // A BGSAVE started (saving is set before its thread starts) finishes before the owner may close the store.
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (saving.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopRequested.countDown();
    }

    // ---- for the I/O threads ----

    Store store() {
        return store;
    }

    CardRules rules() {
        return rules;
    }

    ServerConfig config() {
        return config;
    }

    Stats stats() {
        return stats;
    }

    boolean durable() {
        return rules.spec().requirements().durability().isDurable();
    }

    void threadStarted() {
        started.countDown();
    }

    void threadFailed(final int index, final Throwable t) {
        if (!closed) {
            failure.compareAndSet(null, t);
            if (started.getCount() == 0) {
                // While starting, start() reports the failure itself.
                System.err.println("jitskit serve: I/O thread " + index + " failed: " + t);
            }
            stopRequested.countDown();
        }
    }

    void requestStop() {
        stopRequested.countDown();
    }

    /** Gives an accepted connection to the next I/O thread in turn. */
    void assign(final SocketChannel ch) {
        final int i = Math.floorMod(nextThread.getAndIncrement(), ioThreads.length);
        ioThreads[i].adopt(ch);
    }

    /** Sets up an adopted channel, or refuses it (too many clients) and returns null. */
    Connection newConnection(final SocketChannel ch) throws IOException {
        stats.connectionsReceived.incrementAndGet();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        final String peer = String.valueOf(ch.getRemoteAddress());
        if (connected.incrementAndGet() > MAX_CLIENTS) {
            connected.decrementAndGet();
            stats.rejectedConnections.incrementAndGet();
            ch.write(java.nio.ByteBuffer.wrap("-ERR max number of clients reached\r\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
            ch.close();
            return null;
        }
        return new Connection(nextClientId.getAndIncrement(), ch, rules.maxInput(), config.requirePass() == null,
            peer);
    }

    private final AtomicLong lastAcceptFailureMillis = new AtomicLong();

    /** An accept that failed (out of file descriptors, say): one line at most every 10 s, and serving goes on. */
    void acceptFailed(final IOException e) {
        final long now = System.currentTimeMillis();
        final long last = lastAcceptFailureMillis.get();
        if (now - last > 10_000 && lastAcceptFailureMillis.compareAndSet(last, now)) {
            System.err.println("jitskit serve: accepting a connection failed: " + e.getMessage());
        }
    }

    void connectionClosed() {
        connected.decrementAndGet();
    }

    /**
     * The number of keys, when the store exports it as its {@code keys} metric; the store SPI has no size, and
     * counting from outside (a read before each write) would race with the other I/O threads.
     */
    java.util.OptionalLong keyCount() {
        try {
            final Double keys = store.metrics().map(m -> m.snapshot().get(MetricNames.KEYS)).orElse(null);
            return keys == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(keys.longValue());
        } catch (final RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    /** Takes a checkpoint now; returns null on success, else why not. */
    String checkpoint() {
        if (!durable()) {
            return "the card's durability is none (requirements.durability), so the store keeps nothing to save";
        }
        synchronized (checkpointLock) {
            try {
                store.checkpoint();
                lastSaveSeconds = System.currentTimeMillis() / 1000;
                lastSaveStatus = "ok";
                return null;
            } catch (final IOException | RuntimeException e) {
                lastSaveStatus = "err";
                return "checkpoint failed: " + e.getMessage();
            }
        }
    }

    /** Starts a checkpoint on a background thread; returns null when started, else why not. */
    String checkpointInBackground() {
        if (!durable()) {
            return checkpoint();
        }
        if (!saving.compareAndSet(false, true)) {
            return "Background save already in progress";
        }
        Thread.ofPlatform().name("jitskit-serve-bgsave").daemon(true).start(() -> {
            try {
                final String failed = checkpoint();
                if (failed != null) {
                    System.err.println("jitskit serve: BGSAVE: " + failed);
                }
            } finally {
                saving.set(false);
            }
        });
        return null;
    }

    /** INFO's text for {@code sections} (empty, {@code all}, {@code everything} or {@code default}: every one). */
    String info(final List<String> sections) {
        final boolean all = sections.isEmpty() || sections.contains("all") || sections.contains("everything")
            || sections.contains("default");
        final StringBuilder sb = new StringBuilder();
        final Runtime rt = Runtime.getRuntime();
        final long uptime = (System.currentTimeMillis() - startMillis) / 1000;
        if (all || sections.contains("server")) {
            sb.append("# Server\r\n")
                .append("redis_version:").append(REDIS_VERSION).append("\r\n")
                .append("jitskit_store:").append(store.info().name()).append("\r\n")
                .append("jitskit_spec:").append(rules.spec().name()).append("\r\n")
                .append("redis_mode:standalone\r\n")
                .append("os:").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append("\r\n")
                .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
                .append("tcp_port:").append(port()).append("\r\n")
                .append("uptime_in_seconds:").append(uptime).append("\r\n")
                .append("uptime_in_days:").append(uptime / 86400).append("\r\n")
                .append("io_threads_active:").append(ioThreads.length).append("\r\n")
                .append("\r\n");
        }
        if (all || sections.contains("clients")) {
            sb.append("# Clients\r\n")
                .append("connected_clients:").append(connected.get()).append("\r\n")
                .append("maxclients:").append(MAX_CLIENTS).append("\r\n")
                .append("\r\n");
        }
        if (all || sections.contains("memory")) {
            // The JVM's heap; a store's off-heap memory is its own and not counted here.
            sb.append("# Memory\r\n")
                .append("used_memory:").append(rt.totalMemory() - rt.freeMemory()).append("\r\n")
                .append("jvm_heap_committed:").append(rt.totalMemory()).append("\r\n")
                .append("jvm_heap_max:").append(rt.maxMemory()).append("\r\n")
                .append("jitskit_memory_budget:").append(rules.spec().environment().memoryBudgetBytes())
                .append("\r\n")
                .append("\r\n");
        }
        if (all || sections.contains("persistence")) {
            sb.append("# Persistence\r\n")
                .append("loading:0\r\n")
                .append("jitskit_durability:").append(store.info().durability().level().name()
                    .toLowerCase(Locale.ROOT)).append("\r\n")
                .append("rdb_bgsave_in_progress:").append(saving.get() ? 1 : 0).append("\r\n")
                .append("rdb_last_save_time:").append(lastSaveSeconds).append("\r\n")
                .append("rdb_last_bgsave_status:").append(lastSaveStatus).append("\r\n")
                .append("aof_enabled:0\r\n")
                .append("\r\n");
        }
        if (all || sections.contains("stats")) {
            sb.append("# Stats\r\n")
                .append("total_connections_received:").append(stats.connectionsReceived.get()).append("\r\n")
                .append("total_commands_processed:").append(stats.commands.sum()).append("\r\n")
                .append("rejected_connections:").append(stats.rejectedConnections.get()).append("\r\n")
                .append("keyspace_hits:").append(stats.hits.sum()).append("\r\n")
                .append("keyspace_misses:").append(stats.misses.sum()).append("\r\n")
                .append("jitskit_writes:").append(stats.writes.sum()).append("\r\n")
                .append("jitskit_protocol_errors:").append(stats.protocolErrors.sum()).append("\r\n")
                .append("\r\n");
        }
        if (all || sections.contains("keyspace")) {
            // Only a store that counts its keys has a db0 line; for others it would be a guess (DBSIZE says why).
            sb.append("# Keyspace\r\n");
            keyCount().ifPresent(n -> sb.append("db0:keys=").append(n).append(",expires=0,avg_ttl=0\r\n"));
            sb.append("\r\n");
        }
        return sb.toString();
    }
}
