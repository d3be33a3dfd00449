package io.jitskit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated frames over several connections at once, while a well-formed client writes and reads keys the
 * fuzzers never name: the well-formed client must get correct answers throughout, and every SET the server
 * acknowledged must read back at the end. The seed is printed on failure (and can be fixed with
 * {@code -Djitskit.serve.fuzz.seed=N}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RespFuzzTest {

    private static final int FUZZERS = 4;
    private static final int FRAMES = 100_000;
    private static final int BATCH = 50;
    /** The well-formed client's keys start here; the fuzzers' ids stay below 10^6 (a mutation keeps a key's length). */
    private static final long GOOD_KEYS = 1_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void randomAndMutatedFramesNeitherBreakServiceNorLoseAcknowledgedWrites() throws Exception {
        final long seed = Long.getLong("jitskit.serve.fuzz.seed", System.nanoTime());
        try {
            run(seed);
        } catch (final Throwable t) {
            throw new AssertionError("fuzz seed " + seed + " (rerun with -Djitskit.serve.fuzz.seed=" + seed + "): "
                + t, t);
        }
    }

    private void run(final long seed) throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 2, null)) {
            final ExecutorService pool = Executors.newFixedThreadPool(FUZZERS);
            final AtomicLong sent = new AtomicLong();
            final AtomicLong protocolErrors = new AtomicLong();
            final List<Future<?>> fuzzers = new java.util.ArrayList<>();
            for (int f = 0; f < FUZZERS; f++) {
                final Random rnd = new Random(seed + f);
                fuzzers.add(pool.submit(() -> fuzz(s.port(), rnd, FRAMES / FUZZERS, sent, protocolErrors)));
            }
            final Map<Long, String> acknowledged = new HashMap<>();
            final Random rnd = new Random(seed ^ 0x5EED);
            try (RespClient good = s.client()) {
                int round = 0;
                while (fuzzers.stream().anyMatch(f -> !f.isDone()) || round < 200) {
                    final long key = GOOD_KEYS + rnd.nextInt(500);
                    final String value = randomValue(rnd);
                    assertEquals("OK", good.text("SET", key, value));
                    acknowledged.put(key, value);
                    final long probe = GOOD_KEYS + rnd.nextInt(500);
                    assertEquals(acknowledged.get(probe), good.text("GET", probe), "key " + probe);
                    round++;
                }
                for (final Future<?> f : fuzzers) {
                    f.get();
                }
                pool.shutdown();
                assertTrue(sent.get() >= FRAMES, sent + " frames sent");
                assertTrue(protocolErrors.get() > 0, "the fuzz reached the protocol errors");
                for (final Map.Entry<Long, String> e : acknowledged.entrySet()) {
                    assertEquals(e.getValue(), good.text("GET", e.getKey()), "acknowledged SET of " + e.getKey());
                }
                assertEquals("PONG", good.text("PING"));
            }
        }
    }

    private static String randomValue(final Random rnd) {
        final byte[] b = new byte[100];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + rnd.nextInt(26));
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A request a client could send that is well-formed RESP, though the server may refuse what it asks. */
    private static byte[] validFrame(final Random rnd) {
        final String key = switch (rnd.nextInt(8)) {
            case 0 -> "abc";
            case 1 -> "-" + rnd.nextInt(1000);
            default -> Integer.toString(rnd.nextInt(1_000_000));
        };
        final Object value = rnd.nextInt(10) == 0 ? new byte[rnd.nextInt(300)] : randomValue(rnd);
        return switch (rnd.nextInt(14)) {
            case 0 -> RespClient.frame("GET", key);
            case 1 -> RespClient.frame("SET", key, value);
            case 2 -> RespClient.frame("SET", key, value, rnd.nextBoolean() ? "NX" : "XX");
            case 3 -> RespClient.frame("MGET", key, Integer.toString(rnd.nextInt(1000)));
            case 4 -> RespClient.frame("MSET", key, value, Integer.toString(rnd.nextInt(1000)), randomValue(rnd));
            case 5 -> RespClient.frame("DEL", key);
            case 6 -> RespClient.frame("EXISTS", key, key);
            case 7 -> RespClient.frame("INCRBY", key, Integer.toString(rnd.nextInt(100) - 50));
            case 8 -> RespClient.frame("PING");
            case 9 -> RespClient.frame("ECHO", value);
            case 10 -> RespClient.frame("NOSUCH", key);
            case 11 -> RespClient.frame("GET");
            case 12 -> RespClient.frame("SET", key, value, "EX", "10");
            default -> RespClient.frame("CLIENT", "SETNAME", "fuzz" + rnd.nextInt(10));
        };
    }

    /** A frame that is probably not RESP: flipped, cut, lengths lied about, or noise. */
    private static byte[] badFrame(final Random rnd) {
        final byte[] valid = validFrame(rnd);
        return switch (rnd.nextInt(6)) {
            case 0 -> {
                final byte[] b = valid.clone();
                for (int i = 0; i <= rnd.nextInt(4); i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                yield b;
            }
            case 1 -> java.util.Arrays.copyOf(valid, rnd.nextInt(valid.length));
            case 2 -> ("*2\r\n$3\r\nGET\r\n$" + switch (rnd.nextInt(4)) {
                case 0 -> "2147483648";
                case 1 -> "-" + rnd.nextInt(10);
                case 2 -> "99999999999999999999999";
                default -> "1x";
            } + "\r\n").getBytes(StandardCharsets.US_ASCII);
            case 3 -> {
                final byte[] b = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(b);
                yield b;
            }
            case 4 -> ("*" + (rnd.nextInt(3) == 0 ? "-" : "") + rnd.nextInt(Integer.MAX_VALUE) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
            default -> ("*1\r\n$" + "9".repeat(40)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    /**
     * Sends {@code frames} frames in batches: each batch is well-formed requests, every one answered in order, and
     * every other batch ends with a bad frame, after which the connection must close (or, for a cut frame, close
     * once the client stops sending).
     */
    private static Void fuzz(final int port, final Random rnd, final int frames, final AtomicLong sent,
        final AtomicLong protocolErrors) throws IOException {
        int done = 0;
        while (done < frames) {
            try (RespClient c = new RespClient(port)) {
                while (done < frames) {
                    final ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    final int n = 1 + rnd.nextInt(BATCH);
                    for (int i = 0; i < n; i++) {
                        batch.writeBytes(validFrame(rnd));
                    }
                    final boolean bad = rnd.nextBoolean();
                    if (bad) {
                        batch.writeBytes(badFrame(rnd));
                    }
                    c.send(batch.toByteArray());
                    done += n + (bad ? 1 : 0);
                    sent.addAndGet(n + (bad ? 1 : 0));
                    for (int i = 0; i < n; i++) {
                        c.read();
                    }
                    if (bad) {
                        c.socket.shutdownOutput();
                        try {
                            while (true) {
                                final Object r = c.read();
                                if (r instanceof RespClient.Err e && e.text().startsWith("ERR Protocol error")) {
                                    protocolErrors.incrementAndGet();
                                }
                            }
                        } catch (final java.io.EOFException | SocketException closed) {
                            // The server closed the connection: what a bad frame must lead to.
                        } catch (final IOException | RuntimeException unparsable) {
                            // A mutated frame that still parsed may have asked for anything; the connection ends.
                        }
                        break;
                    }
                }
            }
        }
        return null;
    }
}
