package io.jitskit.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.serve.RespClient.Err;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Requests and replies at the card's largest sizes: split across many reads, over the limits, piling up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeRequestsTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private static byte[] value(final int size, final long seed) {
        final byte[] v = new byte[size];
        new Random(seed).nextBytes(v);
        return v;
    }

    @Test
    void aValueAsLargeAsTheCardAllowsArrivesInPiecesAndReadsBack() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.LARGE_CARD, dir, 2, null); RespClient c = s.client()) {
            final byte[] v = value(MIB, 1);
            final byte[] frame = RespClient.frame("SET", "1", v);
            for (int off = 0; off < frame.length; off += 4096) {
                c.send(Arrays.copyOfRange(frame, off, Math.min(frame.length, off + 4096)));
            }
            assertEquals(new RespClient.Status("OK"), c.read());
            assertArrayEquals(v, (byte[]) c.call("GET", "1"));
        }
    }

    @Test
    void aBulkOverTheCardsLargestValueIsRefusedAtItsHeader() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.LARGE_CARD, dir, 2, null); RespClient c = s.client()) {
            c.send(("*3\r\n$3\r\nSET\r\n$1\r\n1\r\n$" + (MIB + 2048) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            final Object reply = c.read();
            assertTrue(reply instanceof Err e && e.text().startsWith("ERR Protocol error: invalid bulk length "
                + (MIB + 2048)), RespClient.show(reply));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aRequestLargerThanTheInputLimitClosesThatConnectionOnly() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.LARGE_CARD, dir, 2, null); RespClient c = s.client();
            RespClient other = s.client()) {
            final byte[] v = value(MIB, 2);
            final byte[] frame = RespClient.frame("MSET", "1", v, "2", v, "3", v, "4", v, "5", v);
            final Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.send(frame);
                } catch (final IOException closed) {
                    // The server stops reading past its limit and closes: the rest of the frame has nowhere to go.
                }
            });
            assertTrue(c.closedByServer());
            writer.join();
            assertTrue(other.text("INFO", "stats").contains("jitskit_protocol_errors:1\r\n"));
            assertEquals("OK", other.text("SET", "1", "small"));
            assertEquals("small", other.text("GET", "1"));
        }
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsThrottledThenServedInFull() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.LARGE_CARD, dir, 1, null); RespClient c = s.client();
            RespClient other = s.client()) {
            final byte[] v = value(100 * 1024, 3);
            assertEquals("OK", c.text("SET", "1", v));
            final int gets = 300;
            final byte[] get = RespClient.frame("GET", "1");
            final byte[] all = new byte[get.length * gets];
            for (int i = 0; i < gets; i++) {
                System.arraycopy(get, 0, all, i * get.length, get.length);
            }
            // 30 MB of replies the client does not read yet: the server must hold back, not buffer them all.
            c.send(all);
            Thread.sleep(300);
            assertEquals("PONG", other.text("PING"), "the thread's other connections are served meanwhile");
            for (int i = 0; i < gets; i++) {
                assertArrayEquals(v, (byte[]) c.read(), "reply " + i);
            }
            assertEquals("PONG", c.text("PING"));
        }
    }
}
