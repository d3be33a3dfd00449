package io.jitskit.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain blocking RESP client for the tests: writes requests as arrays of bulk strings, reads one reply as a Java
 * value: {@link Status} for {@code +}, {@link Err} for {@code -}, Long, byte[] (bulk, or {@code null}), List (array),
 * Map (RESP3 map), and {@link #NULL3} for RESP3's {@code _}.
 */
final class RespClient implements AutoCloseable {

    record Status(String text) {
    }

    record Err(String text) {
    }

    /** RESP3's null. */
    static final Object NULL3 = new Object() {
        @Override
        public String toString() {
            return "_";
        }
    };

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespClient(final int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    static byte[] frame(final Object... words) {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + words.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (final Object w : words) {
            final byte[] bytes = w instanceof byte[] a ? a : String.valueOf(w).getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(bytes);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    void send(final byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Sends one request and reads its reply. */
    Object call(final Object... words) throws IOException {
        send(frame(words));
        return read();
    }

    /** A call whose reply is a bulk string, as text (null when nil). */
    String text(final Object... words) throws IOException {
        final Object r = call(words);
        if (r == null || r == NULL3) {
            return null;
        }
        if (r instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (r instanceof Status s) {
            return s.text;
        }
        throw new AssertionError("expected a string reply to " + List.of(words) + ", got " + show(r));
    }

    Object read() throws IOException {
        final int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        final String line = line();
        return switch (type) {
            case '+' -> new Status(line);
            case '-' -> new Err(line);
            case ':' -> Long.parseLong(line);
            case '_' -> NULL3;
            case '$', '=' -> {
                final int len = Integer.parseInt(line);
                if (len < 0) {
                    yield null;
                }
                final byte[] b = in.readNBytes(len);
                if (b.length < len || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated bulk");
                }
                yield b;
            }
            case '*' -> {
                final int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                final List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                yield list;
            }
            case '%' -> {
                final int n = Integer.parseInt(line);
                final Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    final Object k = read();
                    map.put(k instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : k, read());
                }
                yield map;
            }
            default -> throw new IOException("unexpected reply type '" + (char) type + "' " + line);
        };
    }

    private String line() throws IOException {
        final StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("connection closed mid-line");
            }
            sb.append((char) c);
        }
        if (in.read() != '\n') {
            throw new IOException("CR without LF");
        }
        return sb.toString();
    }

    /** Whether the server closed the connection: reads until EOF (or the timeout). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // Drain what was still in flight.
            }
            return true;
        } catch (final java.net.SocketException e) {
            return true;
        }
    }

    static String show(final Object r) {
        if (r instanceof byte[] b) {
            return "\"" + new String(b, StandardCharsets.UTF_8) + "\"";
        }
        return String.valueOf(r);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
