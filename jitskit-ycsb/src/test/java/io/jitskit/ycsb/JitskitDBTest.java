package io.jitskit.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.ycsb.ByteIterator;
import site.ycsb.Status;
import site.ycsb.StringByteIterator;

/** The binding's answers for what a card can and cannot hold. */
class JitskitDBTest {

    @TempDir
    Path dir;

    /** A card of 8-byte ids whose values are {@code values}, with the given operations. */
    private Properties card(final String values, final String operations) throws Exception {
        final Path card = dir.resolve("card.yaml");
        Files.writeString(card, """
            name: binding-test
            environment:
              memory-budget: 256MiB
              headroom: 0.2
              threads: 1
              storage: {dir: /tmp/jitskit/binding-test, medium: ssd}
            workload:
              keys: {count: 1K, format: id8}
              values: %s
              mix: {read: 50, upsert: 50}
              distribution: uniform
              load: true
              run: {duration: 1s}
            requirements:
              operations: %s
              durability: checkpoint
              objective: throughput
            """.formatted(values, operations));
        final Properties p = new Properties();
        p.setProperty(OpenStores.STORE, "reference");
        p.setProperty(OpenStores.SPEC, card.toString());
        p.setProperty(OpenStores.DATA, dir.resolve("data").toString());
        return p;
    }

    private static Map<String, ByteIterator> record(final int fields, final int length) {
        final Map<String, ByteIterator> r = new HashMap<>();
        for (int i = 0; i < fields; i++) {
            r.put("field" + i, new StringByteIterator("x".repeat(length)));
        }
        return r;
    }

    private static JitskitDB open(final Properties p) throws Exception {
        final JitskitDB db = new JitskitDB();
        db.setProperties(p);
        db.init();
        return db;
    }

    @Test
    void aRecordLargerThanTheCardsValuesIsABadRequestWithOneLoggedReason() throws Exception {
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        final JitskitDB db;
        try {
            db = open(card("{fixed: 100}", "[read, upsert, delete]"));
            try {
                assertEquals(Status.BAD_REQUEST, db.insert("usertable", "user1", record(10, 100)));
                assertEquals(Status.BAD_REQUEST, db.insert("usertable", "user2", record(10, 100)));
            } finally {
                db.cleanup();
            }
        } finally {
            System.setErr(savedErr);
        }
        final String log = err.toString(StandardCharsets.UTF_8);
        final long refusals = log.lines().filter(l -> l.startsWith("jitskit: insert refused: ")).count();
        assertEquals(1, refusals, log);
        assertTrue(log.contains("1122 bytes encoded and the card allows values of 100 bytes (workload.values)"), log);
    }

    @Test
    void aRecordSmallerThanTheCardsValuesIsPaddedAndReadBackAsWritten() throws Exception {
        final JitskitDB db = open(card("{fixed: 300}", "[read, upsert, delete]"));
        try {
            assertEquals(Status.OK, db.insert("usertable", "user42", record(2, 10)));
            assertEquals(Status.OK, db.update("usertable", "user42", Map.of("field1",
                new StringByteIterator("y".repeat(10)))));
            final Map<String, ByteIterator> back = new HashMap<>();
            assertEquals(Status.OK, db.read("usertable", "user42", null, back));
            assertEquals("x".repeat(10), back.get("field0").toString());
            assertEquals("y".repeat(10), back.get("field1").toString());
            assertEquals(Status.NOT_FOUND, db.read("usertable", "user43", null, new HashMap<>()));
            assertEquals(Status.OK, db.delete("usertable", "user42"));
            assertEquals(Status.NOT_FOUND, db.delete("usertable", "user42"));
        } finally {
            db.cleanup();
        }
    }

    @Test
    void keysTheCardHasNoRoomForAndScansAreRefused() throws Exception {
        final JitskitDB db = open(card("{fixed: 300}", "[read, upsert]"));
        try {
            assertEquals(Status.BAD_REQUEST, db.insert("usertable", "customer7", record(1, 10)));
            assertEquals(Status.BAD_REQUEST, db.delete("usertable", "user7"), "the card has no delete");
            assertEquals(Status.NOT_IMPLEMENTED, db.scan("usertable", "user7", 10, null, new Vector<>()));
        } finally {
            db.cleanup();
        }
    }
}
