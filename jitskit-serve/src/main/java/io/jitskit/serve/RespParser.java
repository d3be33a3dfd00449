package io.jitskit.serve;

import java.nio.charset.StandardCharsets;

/**
 * Parses one request at a time out of a connection's input bytes: RESP arrays of bulk strings ({@code *N\r\n$L\r\n
 * ...}), as every client sends, and inline commands ({@code PING\r\n}), as telnet does.
 *
 * <p>Incremental without keeping state: {@link #parse} either finds a whole frame from the given start, records where
 * each argument lies, and returns the frame's end, or returns {@link #INCOMPLETE} and is called again from the same
 * start once more bytes arrived. Re-scanning a partial frame only re-reads its headers (a bulk's payload is skipped
 * by its length), and the connection's buffer is bounded, so the cost stays linear in practice.
 *
 * <p>Safe: nothing is allocated from a length the client sent. A bulk longer than {@code maxBulk} (the card's largest
 * key or value plus slack) or a count above {@link #MAX_ARGS} is refused before a byte of it is buffered; a header
 * line longer than {@link #MAX_HEADER} without its CRLF is refused rather than waited for; the argument tables grow
 * only as arguments actually arrive. Zero-copy: arguments are offsets into the caller's array.
 */
final class RespParser {

    /** {@link #parse}'s result when the frame is not all there yet. */
    static final int INCOMPLETE = -1;
    /** Most arguments in one request (Redis allows 2^31; a card's commands never need this many). */
    static final int MAX_ARGS = 1 << 20;
    /** Longest header line ({@code *N} or {@code $L}) without its CRLF: a sign and 19 digits fit with room. */
    static final int MAX_HEADER = 32;
    /** Longest inline command, as in Redis (64 KiB). */
    static final int MAX_INLINE = 64 * 1024;

    private final int maxBulk;
    private int[] starts = new int[16];
    private int[] lengths = new int[16];
    private int count;

    /** @param maxBulk the longest bulk string accepted */
    RespParser(final int maxBulk) {
        this.maxBulk = maxBulk;
    }

    int maxBulk() {
        return maxBulk;
    }

    /** Arguments of the last frame parsed; 0 for an empty frame ({@code *0}, a blank inline line), which is skipped. */
    int count() {
        return count;
    }

    int start(final int i) {
        return starts[i];
    }

    int length(final int i) {
        return lengths[i];
    }

    /** Argument {@code i} of the last frame as text (for names and options, never for keys or values). */
    String string(final byte[] buf, final int i) {
        return new String(buf, starts[i], lengths[i], StandardCharsets.ISO_8859_1);
    }

    /** Whether argument {@code i} equals {@code upper} ignoring ASCII case; {@code upper} is upper-case ASCII. */
    boolean is(final byte[] buf, final int i, final String upper) {
        final int len = lengths[i];
        if (len != upper.length()) {
            return false;
        }
        final int s = starts[i];
        for (int k = 0; k < len; k++) {
            int c = buf[s + k];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != upper.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses one frame of {@code buf[from, to)}.
     *
     * @return the index just past the frame, or {@link #INCOMPLETE}
     * @throws ProtocolException when the bytes are not a frame this server accepts
     */
    int parse(final byte[] buf, final int from, final int to) throws ProtocolException {
        count = 0;
        if (from >= to) {
            return INCOMPLETE;
        }
        return buf[from] == '*' ? parseArray(buf, from, to) : parseInline(buf, from, to);
    }

    private int parseArray(final byte[] buf, final int from, final int to) throws ProtocolException {
        final int headerEnd = lineEnd(buf, from + 1, to, "multibulk");
        if (headerEnd == INCOMPLETE) {
            return INCOMPLETE;
        }
        final long n = number(buf, from + 1, headerEnd, "multibulk length");
        int pos = headerEnd + 2;
        if (n <= 0) {
            // "*0" and "*-1" are empty requests; Redis skips them too.
            return pos;
        }
        if (n > MAX_ARGS) {
            throw new ProtocolException("invalid multibulk length " + n + " (at most " + MAX_ARGS + ")");
        }
        for (int i = 0; i < n; i++) {
            if (pos >= to) {
                return INCOMPLETE;
            }
            if (buf[pos] != '$') {
                throw new ProtocolException("expected '$', got '" + printable(buf[pos]) + "'");
            }
            final int lenEnd = lineEnd(buf, pos + 1, to, "bulk");
            if (lenEnd == INCOMPLETE) {
                return INCOMPLETE;
            }
            final long len = number(buf, pos + 1, lenEnd, "bulk length");
            if (len < 0 || len > maxBulk) {
                throw new ProtocolException("invalid bulk length " + len + " (this card's keys and values take at "
                    + "most " + maxBulk + " bytes)");
            }
            final int data = lenEnd + 2;
            if ((long) to - data < len + 2) {
                return INCOMPLETE;
            }
            final int dataEnd = data + (int) len;
            if (buf[dataEnd] != '\r' || buf[dataEnd + 1] != '\n') {
                throw new ProtocolException("bulk of " + len + " bytes not followed by CRLF");
            }
            add(data, (int) len);
            pos = dataEnd + 2;
        }
        return pos;
    }

    private int parseInline(final byte[] buf, final int from, final int to) throws ProtocolException {
        final byte first = buf[from];
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '\r' || first == '\n'
            || first == ' ')) {
            // Binary garbage: not the start of an array, nor of a command name typed by hand.
            throw new ProtocolException("expected '*', got '" + printable(first) + "'");
        }
        final int limit = Math.min(to, from + MAX_INLINE);
        int nl = -1;
        for (int i = from; i < limit; i++) {
            if (buf[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            if (to - from >= MAX_INLINE) {
                throw new ProtocolException("too big inline request (over " + MAX_INLINE + " bytes)");
            }
            return INCOMPLETE;
        }
        final int end = nl > from && buf[nl - 1] == '\r' ? nl - 1 : nl;
        int i = from;
        while (i < end) {
            while (i < end && buf[i] == ' ') {
                i++;
            }
            final int s = i;
            while (i < end && buf[i] != ' ') {
                i++;
            }
            if (i > s) {
                add(s, i - s);
            }
        }
        return nl + 1;
    }

    private void add(final int start, final int length) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            lengths = java.util.Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = start;
        lengths[count] = length;
        count++;
    }

    /** Index of the CR of the CRLF ending the line that starts at {@code from}, or {@link #INCOMPLETE}. */
    private static int lineEnd(final byte[] buf, final int from, final int to, final String what)
        throws ProtocolException {
        final int limit = Math.min(to - 1, from + MAX_HEADER);
        for (int i = from; i < limit; i++) {
            if (buf[i] == '\r') {
                if (buf[i + 1] != '\n') {
                    throw new ProtocolException(what + " header: CR not followed by LF");
                }
                return i;
            }
        }
        if (to - from > MAX_HEADER) {
            throw new ProtocolException(what + " header longer than " + MAX_HEADER + " bytes");
        }
        return INCOMPLETE;
    }

    /** The decimal in {@code buf[from, to)}: an optional '-' and 1 to 18 digits, nothing else. */
    private static long number(final byte[] buf, final int from, final int to, final String what)
        throws ProtocolException {
        int i = from;
        final boolean negative = i < to && buf[i] == '-';
        if (negative) {
            i++;
        }
        if (i == to || to - i > 18) {
            throw new ProtocolException("invalid " + what + " '" + text(buf, from, to) + "'");
        }
        long v = 0;
        for (; i < to; i++) {
            final int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException("invalid " + what + " '" + text(buf, from, to) + "'");
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static String text(final byte[] buf, final int from, final int to) {
        final StringBuilder sb = new StringBuilder();
        for (int i = from; i < to && i < from + MAX_HEADER; i++) {
            sb.append(printable(buf[i]));
        }
        return sb.toString();
    }

    /** A byte as text that cannot break the error line: printable ASCII as is, anything else as \xNN. */
    static String printable(final byte b) {
        return b >= 0x20 && b < 0x7f && b != '\'' ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }
}
