package io.jitskit.serve.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A server's latency as a stock Redis client sees it: {@code clients} Jedis connections, each sending one request at a
 * time (unpipelined, as a service's request path does), SET or GET of uniformly random keys for a fixed time.
 * redis-benchmark reports latency in coarse buckets and from its own event loop; this is the view of an application
 * thread blocked on its reply, the one a p99 target is about.
 *
 * <p>A run is only a measurement if the answers are right, so every value spells its key's id in its first bytes and
 * every GET reply is checked: a reply that is neither absent nor the key's value counts as wrong, and any wrong reply
 * makes {@link #main} exit 1. Keys are decimal ids below {@code keys} (as an {@code id8} card spells its keys, and as
 * redis-benchmark's {@code __rand_int__} does), so a GET run after a SET run over the same ids reads what it wrote.
 */
public final class ClientLatency {

    /** Latencies up to 60 s at three significant digits; a slower reply is clamped, not lost. */
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    /**
     * What to run.
     *
     * @param warmupSeconds run before recording, so the JIT of both sides and the server's first allocations stay out
     * @param fill          first write every key once, pipelined and untimed, so a later GET run finds only values
     *                      this client wrote (a server may hold other values under the same ids: an {@code id8}
     *                      card reads redis-benchmark's {@code 000000000042} and {@code 42} as one key)
     */
    public record Options(String host, int port, int clients, double seconds, double warmupSeconds, long keys,
                          int valueBytes, Command command, boolean fill, String password) {

        public Options {
            require(clients > 0 && clients <= 10_000, "--clients must be 1..10000, was " + clients);
            require(seconds > 0, "--seconds must be positive, was " + seconds);
            require(warmupSeconds >= 0, "--warmup must be 0 or more, was " + warmupSeconds);
            require(keys > 0, "--keys must be positive, was " + keys);
            require(valueBytes >= 20 && valueBytes <= 1 << 20,
                "--value-bytes must be 20..1048576 (a value spells its 20-digit key id), was " + valueBytes);
            require(port > 0 && port < 65_536, "--port must be 1..65535, was " + port);
        }
    }

    /** The request each client repeats. */
    public enum Command { SET, GET }

    /**
     * What a run measured.
     *
     * @param operations requests in the measured time (after the warm-up)
     * @param replies    GET replies checked, the warm-up's included: a wrong answer is wrong whenever it comes
     * @param wrong      of those, replies that were neither absent nor the key's value
     * @param absent     of those, replies for keys that held no value
     * @param latencies  every measured request's round trip, nanoseconds
     */
    public record Result(long operations, double seconds, long replies, long wrong, long absent,
                         Histogram latencies) {

        public double operationsPerSecond() {
            return operations / seconds;
        }

        /** One line: ops/s, p50, p99, p99.9 and max in microseconds, GET replies checked, wrong, absent. */
        public String line() {
            return String.format(Locale.ROOT, "%.0f %.1f %.1f %.1f %.1f %d %d %d",
                operationsPerSecond(), micros(50), micros(99), micros(99.9), latencies.getMaxValue() / 1e3, replies,
                wrong, absent);
        }

        private double micros(final double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e3;
        }
    }

    private ClientLatency() {
    }

    /** Runs the clients, one platform thread each, and merges what they recorded. */
    public static Result run(final Options options) throws InterruptedException {
        final List<Client> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            clients.add(new Client(options, i));
        }
        final CountDownLatch connected = new CountDownLatch(options.clients());
        final List<Thread> threads = new ArrayList<>();
        for (final Client client : clients) {
            threads.add(Thread.ofPlatform().name("client-" + client.index).start(() -> client.run(connected)));
        }
        for (final Thread thread : threads) {
            thread.join();
        }
        final Histogram all = new Histogram(HIGHEST_NANOS, 3);
        long operations = 0;
        long replies = 0;
        long wrong = 0;
        long absent = 0;
        for (final Client client : clients) {
            if (client.failure != null) {
                throw new IllegalStateException("client " + client.index + " failed: " + client.failure.getMessage(),
                    client.failure);
            }
            all.add(client.latencies);
            operations += client.operations;
            replies += client.replies;
            wrong += client.wrong;
            absent += client.absent;
        }
        return new Result(operations, options.seconds(), replies, wrong, absent, all);
    }

    /** The value a key holds: its id in 20 decimal digits, then filler to the value's length. */
    static byte[] valueOf(final long id, final int valueBytes) {
        final byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
        spell(id, value);
        return value;
    }

    /**
     * Writes {@code id} as 20 decimal digits over the first bytes of {@code value}: a client keeps one value buffer and
     * rewrites only its head per request, so the client's own work stays small beside the server's on a shared core.
     */
    static void spell(final long id, final byte[] value) {
        long rest = id;
        for (int i = 19; i >= 0; i--) {
            value[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** One connection and the thread that drives it; its fields are read by the merging thread after join. */
    private static final class Client {

        final Options options;
        final int index;
        final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
        long operations;
        long replies;
        long wrong;
        long absent;
        Exception failure;

        Client(final Options options, final int index) {
            this.options = options;
            this.index = index;
        }

        void run(final CountDownLatch connected) {
            final SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L * (index + 1));
            // Jedis writes a request's arguments out before set() returns, so one buffer serves every SET; a GET
            // compares its reply against the same buffer spelled for its key.
            final byte[] expected = valueOf(0, options.valueBytes());
            try (Jedis jedis = new Jedis(options.host(), options.port(), 10_000)) {
                if (options.password() != null) {
                    jedis.auth(options.password());
                }
                // Every client connects before any starts the clock, so 50 handshakes do not land in the warm-up's
                // last milliseconds or the first measured ones.
                connected.countDown();
                connected.await();
                if (options.fill()) {
                    fill(jedis, expected);
                }
                final long start = System.nanoTime();
                final long recordFrom = start + (long) (options.warmupSeconds() * 1e9);
                final long end = recordFrom + (long) (options.seconds() * 1e9);
                long now = start;
                while (now < end) {
                    final long id = random.nextLong(options.keys());
                    final byte[] key = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
                    spell(id, expected);
                    final long t0 = System.nanoTime();
                    if (options.command() == Command.SET) {
                        jedis.set(key, expected);
                        now = System.nanoTime();
                    } else {
                        final byte[] value = jedis.get(key);
                        now = System.nanoTime();
                        replies++;
                        if (value == null) {
                            absent++;
                        } else if (!Arrays.equals(value, expected)) {
                            wrong++;
                        }
                    }
                    if (t0 >= recordFrom) {
                        latencies.recordValue(Math.min(now - t0, HIGHEST_NANOS));
                        operations++;
                    }
                }
            } catch (final Exception e) {
                failure = e;
            }
        }

        /** This client's share of the ids (every clients-th), written in pipelined batches. */
        void fill(final Jedis jedis, final byte[] value) {
            final int batch = 1_000;
            Pipeline pipeline = jedis.pipelined();
            int pending = 0;
            for (long id = index; id < options.keys(); id += options.clients()) {
                spell(id, value);
                // A pipeline keeps its arguments until sync(), so each SET gets its own copy of the value.
                pipeline.set(Long.toString(id).getBytes(StandardCharsets.US_ASCII), value.clone());
                if (++pending == batch) {
                    pipeline.sync();
                    pipeline = jedis.pipelined();
                    pending = 0;
                }
            }
            pipeline.sync();
        }
    }

    /**
     * {@code ClientLatency --port P --command SET|GET [--host H] [--clients N] [--seconds S] [--warmup S]
     * [--keys N] [--value-bytes B] [--fill] [--password P]}: prints {@link Result#line()}; exit 1 on a wrong reply, 2 on bad
     * usage.
     */
    public static void main(final String[] args) throws InterruptedException {
        final Options options;
        try {
            options = parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println("ClientLatency: " + e.getMessage());
            System.exit(2);
            return;
        }
        final Result result = run(options);
        System.out.println(result.line());
        if (result.wrong() > 0) {
            System.err.println("ClientLatency: " + result.wrong() + " GET replies were not the value the key was set"
                + " to: the server answered wrongly");
            System.exit(1);
        }
    }

    static Options parse(final String[] args) {
        String host = "127.0.0.1";
        int port = -1;
        int clients = 50;
        double seconds = 10;
        double warmup = 2;
        long keys = 1_000_000;
        int valueBytes = 100;
        Command command = null;
        String password = null;
        boolean fill = false;
        int i = 0;
        while (i < args.length) {
            final String option = args[i++];
            if (option.equals("--fill")) {
                fill = true;
                continue;
            }
            require(i < args.length, option + " needs a value");
            final String value = args[i++];
            try {
                switch (option) {
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--keys" -> keys = Long.parseLong(value);
                    case "--value-bytes" -> valueBytes = Integer.parseInt(value);
                    case "--command" -> command = switch (value.toUpperCase(Locale.ROOT)) {
                        case "SET" -> Command.SET;
                        case "GET" -> Command.GET;
                        default -> throw new IllegalArgumentException("--command must be SET or GET, not " + value);
                    };
                    case "--password" -> password = value;
                    default -> throw new IllegalArgumentException("unknown option " + option
                        + "; options: --host --port --clients --seconds --warmup --keys --value-bytes --command"
                        + " --fill --password");
                }
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
            }
        }
        require(port != -1, "--port is required");
        require(command != null, "--command SET or GET is required");
        return new Options(host, port, clients, seconds, warmup, keys, valueBytes, command, fill, password);
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
