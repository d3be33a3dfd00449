package io.jitskit.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.serve.RespClient.Err;
import io.jitskit.serve.RespClient.Status;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The reference store served over RESP, spoken to over a plain socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RespServerTest {

    @TempDir
    Path dir;

    private static String value(final char c) {
        return String.valueOf(c).repeat(100);
    }

    private static String error(final Object reply) {
        return assertInstanceOf(Err.class, reply, RespClient.show(reply)).text();
    }

    @Test
    void setGetMgetMsetDelExistsAnswerAsRedisDoes() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 2, null); RespClient c = s.client()) {
            assertEquals("PONG", c.text("PING"));
            assertEquals("hi", c.text("ECHO", "hi"));
            assertEquals("OK", c.text("SET", "1", value('a')));
            assertEquals(value('a'), c.text("GET", "1"));
            assertNull(c.text("GET", "2"));
            assertEquals("OK", c.text("MSET", "2", value('b'), "18446744073709551615", value('c')));
            final List<?> got = (List<?>) c.call("MGET", "1", "2", "3", "18446744073709551615");
            assertEquals(value('a'), new String((byte[]) got.get(0), StandardCharsets.UTF_8));
            assertEquals(value('b'), new String((byte[]) got.get(1), StandardCharsets.UTF_8));
            assertNull(got.get(2));
            assertEquals(value('c'), new String((byte[]) got.get(3), StandardCharsets.UTF_8));
            assertEquals(3L, c.call("EXISTS", "1", "2", "3", "1"));
            assertEquals(2L, c.call("DEL", "1", "2", "3"));
            assertEquals(0L, c.call("EXISTS", "1", "2"));
            assertEquals("OK", c.text("SELECT", "0"));
            assertTrue(error(c.call("SELECT", "1")).contains("out of range"));
        }
    }

    @Test
    void configGetAnswersFromTheCardAndConfigSetIsRefused() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            final List<?> got = (List<?>) c.call("CONFIG", "GET", "save", "appendonly");
            assertEquals(4, got.size(), got.toString());
            assertEquals("save", new String((byte[]) got.get(0), StandardCharsets.UTF_8));
            assertEquals("appendonly", new String((byte[]) got.get(2), StandardCharsets.UTF_8));
            assertEquals(0, ((List<?>) c.call("CONFIG", "GET", "no-such-parameter")).size());
            assertTrue(error(c.call("CONFIG", "SET", "save", "")).contains("come from its card"));
            assertEquals("PONG", c.text("PING"), "the connection goes on");
        }
    }

    @Test
    void setOptionsNxXxGetBehaveAndExpiryIsRefused() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            assertNull(c.text("SET", "5", value('a'), "XX"));
            assertNull(c.text("GET", "5"));
            assertEquals("OK", c.text("SET", "5", value('a'), "NX"));
            assertNull(c.text("SET", "5", value('b'), "NX"));
            assertEquals(value('a'), c.text("SET", "5", value('c'), "XX", "GET"));
            assertEquals(value('c'), c.text("SET", "5", value('d'), "GET"));
            assertEquals(value('d'), c.text("GET", "5"));
            for (final String ttl : List.of("EX", "PX", "EXAT", "PXAT")) {
                assertTrue(error(c.call("SET", "5", value('e'), ttl, "10")).contains("the card has no expiry"));
            }
            assertTrue(error(c.call("SET", "5", value('e'), "KEEPTTL")).contains("no expiry"));
            assertTrue(error(c.call("SET", "5", value('e'), "NX", "XX")).contains("syntax error"));
            assertEquals(value('d'), c.text("GET", "5"));
        }
    }

    @Test
    void incrKeepsTheCounterInTheValuesFirstEightBytesLittleEndian() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            assertEquals(1L, c.call("INCR", "7"));
            assertEquals(6L, c.call("INCRBY", "7", "5"));
            assertEquals(5L, c.call("DECR", "7"));
            assertEquals(-5L, c.call("DECRBY", "7", "10"));
            final byte[] v = (byte[]) c.call("GET", "7");
            assertEquals(100, v.length, "a counter is a value of the card's size");
            assertEquals(-5L, ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
            assertTrue(Arrays.equals(new byte[92], Arrays.copyOfRange(v, 8, 100)), "the rest is zero");
            assertTrue(error(c.call("INCRBY", "7", "x")).contains("not an integer"));
        }
    }

    @Test
    void badKeysAndValuesAreRefusedAndTheConnectionGoesOn() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            assertEquals("key 'abc' is not a decimal id: the card's keys are 8-byte ids (workload.keys.format); "
                + "use 0 to 18446744073709551615",
                error(c.call("GET", "abc")).substring(4));
            assertTrue(error(c.call("SET", "-1", value('a'))).contains("not a decimal id"));
            assertTrue(error(c.call("SET", "+1", value('a'))).contains("not a decimal id"));
            assertTrue(error(c.call("SET", "1 ", value('a'))).contains("not a decimal id"));
            assertEquals("OK", c.text("SET", "000000000007", value('p')), "zero-padded, as redis-benchmark sends");
            assertEquals(value('p'), c.text("GET", "7"), "a key is read as a number");
            assertTrue(error(c.call("GET", "18446744073709551616")).contains("not a decimal id"));
            assertEquals("ERR value of 5 bytes: the card allows 100 bytes (workload.values)",
                error(c.call("SET", "1", "short")));
            assertTrue(error(c.call("MSET", "1", value('a'), "x", value('b'))).contains("not a decimal id"));
            assertNull(c.text("GET", "1"), "a refused MSET writes nothing");
            assertTrue(error(c.call("NOSUCH", "a")).startsWith("ERR unknown command 'NOSUCH'"));
            assertTrue(error(c.call("GET")).contains("wrong number of arguments for 'get'"));
            assertEquals("OK", c.text("SET", "1", value('z')));
            assertEquals(value('z'), c.text("GET", "1"));
        }
    }

    @Test
    void variableKeysAreTheBytesSentWithinTheCardsBounds() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.VARIABLE_CARD, dir, 2, null); RespClient c = s.client()) {
            final String k = "user:0123456789abcdef";
            assertEquals("OK", c.text("SET", k, "v"));
            assertEquals("v", c.text("GET", k));
            assertTrue(error(c.call("GET", "short")).contains("key of 5 bytes: the card allows keys of 16 to 64"));
            assertTrue(error(c.call("SET", k, "x".repeat(1001))).contains("the card allows 1 to 1000 bytes"));
            assertTrue(error(c.call("INCR", k)).contains("INCR needs rmw"));
            assertTrue(error(c.call("SET", k, "w", "NX")).contains("SET NX needs insert, which the card's "
                + "requirements.operations do not include"));
            assertTrue(error(c.call("SAVE")).contains("durability is none"));
            assertEquals(1L, c.call("DBSIZE"), "the reference store exports its key count");
            assertEquals("v", c.text("GET", k));
        }
    }

    @Test
    void dbsizeIsRefusedForAStoreThatDoesNotCountItsKeys() throws Exception {
        try (ServedStore s = new ServedStore("noop", ServedStore.VARIABLE_CARD, dir, 1, null);
            RespClient c = s.client()) {
            assertTrue(error(c.call("DBSIZE")).contains("DBSIZE is unknown: this store exports no key count"));
            final String keyspace = c.text("INFO", "keyspace");
            assertEquals("# Keyspace\r\n\r\n", keyspace);
        }
    }

    @Test
    void hello3SwitchesToResp3NullsAndMaps() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            final Map<?, ?> hello = assertInstanceOf(Map.class, c.call("HELLO", "3", "SETNAME", "t"));
            assertEquals(3L, hello.get("proto"));
            assertEquals(RespClient.NULL3, c.call("GET", "9"));
            assertEquals("t", c.text("CLIENT", "GETNAME"));
            assertTrue(error(c.call("HELLO", "4")).startsWith("NOPROTO"));
            final List<?> hello2 = assertInstanceOf(List.class, c.call("HELLO", "2"));
            assertEquals(14, hello2.size());
            assertNull(c.call("GET", "9"));
        }
    }

    @Test
    void commandInfoAndSaveAnswerForClients() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            assertEquals((long) CommandTable.COMMANDS.size(), c.call("COMMAND", "COUNT"));
            assertEquals(CommandTable.COMMANDS.size(), ((List<?>) c.call("COMMAND")).size());
            final List<?> info = (List<?>) c.call("COMMAND", "INFO", "get", "nosuch");
            assertEquals("get", new String((byte[]) ((List<?>) info.get(0)).get(0), StandardCharsets.UTF_8));
            assertNull(info.get(1));
            assertInstanceOf(List.class, c.call("COMMAND", "DOCS"));
            final String text = c.text("INFO");
            for (final String section : List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats",
                "# Keyspace")) {
                assertTrue(text.contains(section + "\r\n"), section);
            }
            assertTrue(text.contains("connected_clients:1\r\n"), text);
            assertTrue(text.contains("db0:keys=0,expires=0,avg_ttl=0\r\n"), text);
            assertTrue(c.text("INFO", "stats").startsWith("# Stats\r\n"));
            assertEquals(0L, c.call("LASTSAVE"));
            assertEquals("OK", c.text("SET", "1", value('a')));
            assertEquals("OK", c.text("SAVE"));
            assertTrue((Long) c.call("LASTSAVE") > 0);
            assertEquals("Background saving started", c.text("BGSAVE"));
        }
    }

    @Test
    void aProtocolErrorClosesThatConnectionOnly() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 2, null); RespClient bad = s.client();
            RespClient good = s.client(); RespClient huge = s.client()) {
            assertEquals("OK", good.text("SET", "1", value('a')));
            bad.send("\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(error(bad.read()).startsWith("ERR Protocol error: expected '*'"));
            assertTrue(bad.closedByServer());
            huge.send("*3\r\n$3\r\nSET\r\n$1\r\n1\r\n$2147483648\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(error(huge.read()).startsWith("ERR Protocol error: invalid bulk length 2147483648"));
            assertTrue(huge.closedByServer());
            assertEquals(value('a'), good.text("GET", "1"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, null); RespClient c = s.client()) {
            final java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                b.writeBytes(RespClient.frame("SET", Integer.toString(i), value((char) ('a' + i % 26))));
                b.writeBytes(RespClient.frame("GET", Integer.toString(i)));
            }
            c.send(b.toByteArray());
            for (int i = 0; i < 2000; i++) {
                assertEquals(new Status("OK"), c.read());
                assertEquals(value((char) ('a' + i % 26)), new String((byte[]) c.read(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aPasswordGuardsEveryCommandButAuthHelloQuitAndPing() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 1, "secret"); RespClient c = s.client()) {
            assertEquals("NOAUTH Authentication required.", error(c.call("GET", "1")));
            assertEquals("NOAUTH Authentication required.", error(c.call("SET", "1", value('a'))));
            assertEquals("PONG", c.text("PING"));
            assertTrue(error(c.call("AUTH", "wrong")).startsWith("WRONGPASS"));
            assertTrue(error(c.call("HELLO", "3")).startsWith("NOAUTH"));
            assertEquals("OK", c.text("AUTH", "secret"));
            assertNull(c.text("GET", "1"));
        }
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir.resolve("2"), 1, "secret");
            RespClient c = s.client()) {
            assertInstanceOf(Map.class, c.call("HELLO", "3", "AUTH", "default", "secret"));
            assertEquals(RespClient.NULL3, c.call("GET", "1"));
        }
    }

    @Test
    void aNonLoopbackBindWithoutPasswordRefusesToStart() throws Exception {
        final ServerConfig open = new ServerConfig(InetAddress.getByName("0.0.0.0"), 0, 1, null);
        assertEquals("--bind 0.0.0.0 listens beyond this machine without a password; give --requirepass PW, or "
            + "bind 127.0.0.1", open.unsafeReason());
        assertThrows(IllegalArgumentException.class, () -> RespServer.start(null, null, open));
        assertNull(new ServerConfig(InetAddress.getByName("0.0.0.0"), 0, 1, "pw").unsafeReason());
    }

    @Test
    void shutdownSavesAndAsksTheOwnerToStop() throws Exception {
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 2, null); RespClient c = s.client()) {
            assertEquals("OK", c.text("SET", "1", value('a')));
            assertTrue(error(c.call("SHUTDOWN", "MAYBE")).contains("syntax error"));
            c.send(RespClient.frame("SHUTDOWN"));
            assertTrue(c.closedByServer());
            s.server.awaitStopRequest();
            assertTrue(s.server.lastSaveSeconds() > 0, "SHUTDOWN checkpointed");
        }
    }
}
