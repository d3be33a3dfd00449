package io.jitskit.cli;

import static io.jitskit.cli.ServeCrashRestartTest.ascii;
import static io.jitskit.cli.ServeCrashRestartTest.awaitPort;
import static io.jitskit.cli.ServeCrashRestartTest.command;
import static io.jitskit.cli.ServeCrashRestartTest.connect;
import static io.jitskit.cli.ServeCrashRestartTest.line;
import static io.jitskit.cli.ServeCrashRestartTest.serveProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22's 10,000 connections, against {@code jitskit serve} in a child JVM (each end of a connection takes a
 * file descriptor, so server and clients in one JVM would need 20,000): 9,999 idle, a third of them holding half a
 * request, and one client that talks. It must be served as usual, the server must count them all, a connection past
 * maxclients gets Redis's error and is closed, and once the idle ones close the server counts only the one that
 * talks and takes new connections again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServeIdleConnectionsTest {

    /** Redis's default maxclients, and jitskit serve's. */
    private static final int MAX_CLIENTS = 10_000;
    /** All but the one client that talks. */
    private static final int IDLE = MAX_CLIENTS - 1;

    @TempDir
    Path dir;

    @Test
    void tenThousandIdleConnectionsSomeHoldingHalfARequestDoNotStopServiceAndAreAllReleased() throws Exception {
        final long limit = openFileLimit();
        assertTrue(limit >= IDLE + 1_000, "this test opens " + IDLE + " sockets in one process and the open-file "
            + "limit is " + limit + "; raise it (ulimit -n 20000) to run it");
        final Path portFile = dir.resolve("port");
        final Path log = dir.resolve("serve.log");
        final Process server = serveProcess(dir.resolve("data"), portFile, log);
        final List<Socket> idle = new ArrayList<>(IDLE);
        try {
            final int port = awaitPort(server, portFile, log);
            final byte[] half = "*3\r\n$3\r\nSET\r\n$1\r\n1\r\n$100\r\nabc".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < IDLE; i++) {
                final Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                if (i % 3 == 0) {
                    socket.getOutputStream().write(half);
                }
                idle.add(socket);
            }
            try (Socket s = connect(port)) {
                final OutputStream out = s.getOutputStream();
                final InputStream in = new BufferedInputStream(s.getInputStream());
                final long start = System.nanoTime();
                for (int i = 0; i < 1_000; i++) {
                    final String v = Integer.toString(i % 10).repeat(100);
                    out.write(command(ascii("SET"), ascii(Integer.toString(i)), ascii(v)));
                    out.write(command(ascii("GET"), ascii(Integer.toString(i))));
                    out.flush();
                    assertEquals("+OK", line(in), "SET " + i + ": " + tail(log));
                    assertEquals("$100", line(in), "GET " + i);
                    assertEquals(v, line(in), "GET " + i);
                }
                final long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 30_000, "2,000 requests beside " + IDLE + " idle connections took " + ms + " ms");
                assertTrue(clients(out, in).contains("connected_clients:" + MAX_CLIENTS + "\r\n"),
                    "every idle connection is counted");
                try (Socket extra = connect(port)) {
                    assertEquals("-ERR max number of clients reached", line(extra.getInputStream()));
                    assertEquals(-1, extra.getInputStream().read(), "the connection past maxclients is closed");
                }
                for (final Socket socket : idle) {
                    socket.close();
                }
                idle.clear();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String info;
                while (!(info = clients(out, in)).contains("connected_clients:1\r\n")) {
                    assertTrue(System.nanoTime() < deadline, "closed connections are released: " + info);
                    Thread.sleep(50);
                }
                try (Socket fresh = connect(port)) {
                    fresh.getOutputStream().write(command(ascii("GET"), ascii("999")));
                    final InputStream freshIn = new BufferedInputStream(fresh.getInputStream());
                    assertEquals("$100", line(freshIn), "a new connection is served once the idle ones are gone");
                    assertEquals("9".repeat(100), line(freshIn));
                }
                out.write(command(ascii("SHUTDOWN"), ascii("NOSAVE")));
                out.flush();
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "SHUTDOWN stops jitskit serve: " + tail(log));
            assertEquals(0, server.exitValue(), tail(log));
        } finally {
            for (final Socket socket : idle) {
                socket.close();
            }
            server.destroyForcibly();
        }
    }

    /** The INFO clients section as one string. */
    private static String clients(final OutputStream out, final InputStream in) throws IOException {
        out.write(command(ascii("INFO"), ascii("clients")));
        out.flush();
        final String header = line(in);
        assertTrue(header != null && header.startsWith("$"), "INFO reply " + header);
        final byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** This process's soft limit on open files, from /proc (no JDK API reads it). */
    private static long openFileLimit() throws IOException {
        for (final String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (l.startsWith("Max open files")) {
                final String soft = l.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("/proc/self/limits has no 'Max open files' line");
    }

    private static String tail(final Path log) throws IOException {
        final String all = Files.exists(log) ? Files.readString(log) : "";
        return all.length() <= 2_000 ? all : all.substring(all.length() - 2_000);
    }
}
