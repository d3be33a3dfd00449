package io.jitskit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespParserTest {

    private static final int MAX_BULK = 1000;

    /** Feeds {@code bytes} in the given pieces as reads would, and returns every request parsed, as text. */
    private static List<List<String>> feed(final byte[] bytes, final int... cuts) throws ProtocolException {
        final RespParser p = new RespParser(MAX_BULK);
        final byte[] buf = new byte[bytes.length];
        final List<List<String>> out = new ArrayList<>();
        int readPos = 0;
        int writePos = 0;
        final List<Integer> ends = new ArrayList<>();
        for (final int c : cuts) {
            ends.add(c);
        }
        ends.add(bytes.length);
        for (final int end : ends) {
            System.arraycopy(bytes, writePos, buf, writePos, end - writePos);
            writePos = end;
            while (readPos < writePos) {
                final int next = p.parse(buf, readPos, writePos);
                if (next == RespParser.INCOMPLETE) {
                    break;
                }
                final List<String> words = new ArrayList<>();
                for (int i = 0; i < p.count(); i++) {
                    words.add(p.string(buf, i));
                }
                if (!words.isEmpty()) {
                    out.add(words);
                }
                readPos = next;
            }
        }
        assertEquals(bytes.length, readPos, "every byte consumed");
        return out;
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final byte[] PIPELINE;
    private static final List<List<String>> PIPELINE_WORDS = List.of(
        List.of("SET", "1", "x".repeat(100)), List.of("GET", "1"), List.of("PING"), List.of("ECHO", ""),
        List.of("MSET", "a\r\nb", "bin\0ary", "c", "d"), List.of("PING"), List.of("GET", "2"));

    static {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (final List<String> w : PIPELINE_WORDS.subList(0, 5)) {
            b.writeBytes(RespClient.frame(w.toArray()));
        }
        b.writeBytes(bytes("*0\r\n"));
        b.writeBytes(bytes("PING\r\n"));
        b.writeBytes(bytes("  GET   2 \n"));
        PIPELINE = b.toByteArray();
    }

    @Test
    void aPipelineOfManyFramesInOneReadYieldsEveryRequestInOrder() throws ProtocolException {
        assertEquals(PIPELINE_WORDS, feed(PIPELINE));
    }

    @Test
    void framesSplitAtEveryByteBoundaryParseAsWhole() throws ProtocolException {
        for (int cut = 0; cut <= PIPELINE.length; cut++) {
            assertEquals(PIPELINE_WORDS, feed(PIPELINE, cut), "split at byte " + cut);
        }
    }

    @Test
    void framesArrivingOneByteAtATimeParseAsWhole() throws ProtocolException {
        final int[] cuts = new int[PIPELINE.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i;
        }
        assertEquals(PIPELINE_WORDS, feed(PIPELINE, cuts));
    }

    private static String refusal(final String frame) {
        final byte[] b = bytes(frame);
        return assertThrows(ProtocolException.class, () -> new RespParser(MAX_BULK).parse(b, 0, b.length),
            frame).getMessage();
    }

    @Test
    void aTwoGibBulkHeaderIsRefusedBeforeItsDataArrives() {
        assertTrue(refusal("*1\r\n$2147483648\r\n").contains("invalid bulk length 2147483648"));
        assertTrue(refusal("*2\r\n$3\r\nGET\r\n$1001\r\n").contains("invalid bulk length 1001"));
        assertTrue(refusal("*1\r\n$999999999999999999999\r\n").contains("invalid bulk length"));
    }

    @Test
    void badLengthsAndNonNumericHeadersAreProtocolErrors() {
        assertTrue(refusal("*1\r\n$-5\r\n").contains("invalid bulk length -5"));
        assertTrue(refusal("*x\r\n").contains("invalid multibulk length 'x'"));
        assertTrue(refusal("*1\r\n$1a\r\nx\r\n").contains("invalid bulk length '1a'"));
        assertTrue(refusal("*\r\n").contains("invalid multibulk length ''"));
        assertTrue(refusal("*2000000000\r\n").contains("invalid multibulk length 2000000000"));
        assertTrue(refusal("*1\r\n:1\r\n").contains("expected '$', got ':'"));
        assertTrue(refusal("*1\r\n$3\r\nGETX\r\n").contains("not followed by CRLF"));
        assertTrue(refusal("*1\r\n$3\rxGET\r\n").contains("CR not followed by LF"));
    }

    @Test
    void aHeaderThatNeverEndsIsRefusedInsteadOfWaitedFor() {
        assertTrue(refusal("*1" + "1".repeat(40)).contains("header longer than"));
        assertTrue(refusal("*1\r\n$" + "1".repeat(40)).contains("header longer than"));
    }

    @Test
    void binaryGarbageIsAProtocolError() {
        assertTrue(refusal("\u0000\u00ff\u0001").contains("expected '*', got '\\x00'"));
        assertTrue(refusal("$3\r\nGET\r\n").contains("expected '*', got '$'"));
    }

    @Test
    void anInlineRequestWithoutNewlineIsRefusedAtItsLimit() throws ProtocolException {
        final byte[] b = bytes("P" + "x".repeat(RespParser.MAX_INLINE));
        assertThrows(ProtocolException.class, () -> new RespParser(MAX_BULK).parse(b, 0, b.length));
        assertEquals(RespParser.INCOMPLETE, new RespParser(MAX_BULK).parse(b, 0, 100));
    }

    @Test
    void truncatedFramesAreIncompleteNotErrors() throws ProtocolException {
        final byte[] b = RespClient.frame("SET", "1", "x".repeat(100));
        for (int end = 0; end < b.length; end++) {
            assertEquals(RespParser.INCOMPLETE, new RespParser(MAX_BULK).parse(b, 0, end), "cut at " + end);
        }
        assertEquals(b.length, new RespParser(MAX_BULK).parse(b, 0, b.length));
    }
}
