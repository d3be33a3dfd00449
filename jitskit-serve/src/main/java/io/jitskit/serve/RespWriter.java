package io.jitskit.serve;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Replies of one connection, in RESP2 or, after {@code HELLO 3}, RESP3 (where it differs: null as {@code _}, maps as
 * {@code %}, doubles never used). Appends to a growing array that the I/O thread writes out; the array never grows
 * past what the replies of the requests already parsed need, and the server stops parsing a connection's requests
 * while its pending replies exceed {@link Connection#OUTPUT_HIGH_WATER}.
 */
final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY2 = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[4096];
    private int head;
    private int tail;
    private boolean resp3;

    void resp3(final boolean on) {
        resp3 = on;
    }

    boolean resp3() {
        return resp3;
    }

    /** Bytes written and not yet sent. */
    int pending() {
        return tail - head;
    }

    /** A view of the pending bytes for the channel; call {@link #consumed} with what it took. */
    ByteBuffer pendingView() {
        return ByteBuffer.wrap(buf, head, tail - head);
    }

    void consumed(final int n) {
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
            if (buf.length > 64 * 1024) {
                // A large reply went out: give the memory back rather than keep it per idle connection.
                buf = new byte[4096];
            }
        }
    }

    private void ensure(final int n) {
        if (tail + n <= buf.length) {
            return;
        }
        if (head > 0) {
            System.arraycopy(buf, head, buf, 0, tail - head);
            tail -= head;
            head = 0;
        }
        if (tail + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, tail + n));
        }
    }

    private void raw(final byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, tail, b.length);
        tail += b.length;
    }

    private void ascii(final String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[tail++] = (byte) s.charAt(i);
        }
    }

    private void line(final char type, final long n) {
        ensure(24);
        buf[tail++] = (byte) type;
        ascii(Long.toString(n));
        buf[tail++] = '\r';
        buf[tail++] = '\n';
    }

    void ok() {
        raw(OK);
    }

    /** {@code +text}: a status; {@code text} must hold no CR or LF. */
    void simple(final String text) {
        ensure(text.length() + 3);
        buf[tail++] = '+';
        ascii(text);
        raw(CRLF);
    }

    /** {@code -ERR message}, or {@code -PREFIX message} when {@code message} starts with an upper-case code. */
    void error(final String message) {
        final String oneLine = message.replace('\r', ' ').replace('\n', ' ');
        final String text = oneLine.startsWith("ERR ") || oneLine.startsWith("NOAUTH ")
            || oneLine.startsWith("WRONGPASS ") || oneLine.startsWith("NOPROTO ") ? oneLine : "ERR " + oneLine;
        final byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 3);
        buf[tail++] = '-';
        raw(b);
        raw(CRLF);
    }

    void integer(final long v) {
        line(':', v);
    }

    void nil() {
        raw(resp3 ? NULL3 : NULL2);
    }

    void nilArray() {
        raw(resp3 ? NULL3 : NULL_ARRAY2);
    }

    void arrayHeader(final int n) {
        line('*', n);
    }

    /** A map of {@code n} pairs: {@code %n} in RESP3, a flat array of 2n in RESP2. */
    void mapHeader(final int n) {
        if (resp3) {
            line('%', n);
        } else {
            line('*', 2L * n);
        }
    }

    void bulk(final String s) {
        final byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bulk(b, 0, b.length);
    }

    void bulk(final byte[] src, final int off, final int len) {
        line('$', len);
        ensure(len + 2);
        System.arraycopy(src, off, buf, tail, len);
        tail += len;
        raw(CRLF);
    }

    /** A bulk string of the first {@code len} bytes of {@code src} (a store's read buffer). */
    void bulk(final MemorySegment src, final int len) {
        line('$', len);
        ensure(len + 2);
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, buf, tail, len);
        tail += len;
        raw(CRLF);
    }

    /** RESP3's verbatim string ({@code =N\r\ntxt:...}) for INFO, a bulk string in RESP2. */
    void verbatim(final String text) {
        if (!resp3) {
            bulk(text);
            return;
        }
        final byte[] b = text.getBytes(StandardCharsets.UTF_8);
        line('=', b.length + 4L);
        ascii("txt:");
        ensure(b.length + 2);
        System.arraycopy(b, 0, buf, tail, b.length);
        tail += b.length;
        raw(CRLF);
    }

    /** The bytes written so far, for tests. */
    byte[] toByteArray() {
        return Arrays.copyOfRange(buf, head, tail);
    }
}
