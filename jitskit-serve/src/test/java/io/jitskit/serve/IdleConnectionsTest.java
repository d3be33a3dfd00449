package io.jitskit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle clients, some holding half a request, cost the server a selector registration and a small buffer each, and
 * do not slow the ones that talk. 1,000 here, in one JVM with the server; the full 10,000 (maxclients) run against
 * {@code jitskit serve} in a child JVM in jitskit-cli's {@code ServeIdleConnectionsTest}, since both ends of 10,000
 * connections in one process would need 20,000 file descriptors.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {

    private static final int IDLE = 1_000;

    @TempDir
    Path dir;

    @Test
    void aThousandIdleConnectionsDoNotBreakService() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 2, null)) {
            final List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < IDLE; i++) {
                    final Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.port());
                    if (i % 3 == 0) {
                        // Half a request, never finished.
                        socket.getOutputStream().write("*3\r\n$3\r\nSET\r\n$1\r\n1\r\n$100\r\nabc"
                            .getBytes(StandardCharsets.US_ASCII));
                    }
                    idle.add(socket);
                }
                try (RespClient c = s.client()) {
                    final long start = System.nanoTime();
                    for (int i = 0; i < 1_000; i++) {
                        final String v = Integer.toString(i % 10).repeat(100);
                        assertEquals("OK", c.text("SET", Integer.toString(i), v));
                        assertEquals(v, c.text("GET", Integer.toString(i)));
                    }
                    final long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(ms < 20_000, "2,000 requests beside " + IDLE + " idle connections took " + ms + " ms");
                    final String info = c.text("INFO", "clients");
                    assertTrue(info.contains("connected_clients:" + (IDLE + 1) + "\r\n"), info);
                }
            } finally {
                for (final Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }
}
