package io.jitskit.serve.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.serve.ServedStore;
import io.jitskit.serve.load.ClientLatency.Command;
import io.jitskit.serve.load.ClientLatency.Options;
import io.jitskit.serve.load.ClientLatency.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientLatencyTest {

    @TempDir
    Path dir;

    @Test
    void getsReadBackWhatTheSetsWroteAndEveryRequestIsRecorded() throws Exception {
        try (ServedStore served = new ServedStore(ServedStore.ID8_CARD, dir, 2, null)) {
            final Result set = ClientLatency.run(options(served.port(), Command.SET, 100));
            assertTrue(set.operations() > 0, set.line());
            assertEquals(set.operations(), set.latencies().getTotalCount());
            final Result get = ClientLatency.run(options(served.port(), Command.GET, 100));
            assertTrue(get.operations() > 0 && get.replies() >= get.operations(), get.line());
            assertEquals(0, get.wrong(), get.line());
            assertTrue(get.absent() < get.operations(), "the SET run wrote some of the 1,000 keys: " + get.line());
        }
    }

    @Test
    void aFilledKeySpaceAnswersEveryGet() throws Exception {
        try (ServedStore served = new ServedStore(ServedStore.ID8_CARD, dir, 2, null)) {
            final Options fillThenSet = new Options("127.0.0.1", served.port(), 3, 0.1, 0, 1_000, 100, Command.SET,
                true, null);
            ClientLatency.run(fillThenSet);
            final Result get = ClientLatency.run(options(served.port(), Command.GET, 100));
            assertEquals(0, get.absent(), get.line());
            assertEquals(0, get.wrong(), get.line());
        }
    }

    @Test
    void aReplyThatIsNotTheKeysValueCountsAsWrong() throws Exception {
        try (ServedStore served = new ServedStore(ServedStore.ID8_CARD, dir, 2, null)) {
            ClientLatency.run(options(served.port(), Command.SET, 100));
            // The server holds 100-byte values; a reader that expects 120 bytes must see every present one as wrong.
            final Result get = ClientLatency.run(options(served.port(), Command.GET, 120));
            assertTrue(get.wrong() > 0, get.line());
            assertEquals(get.replies() - get.absent(), get.wrong(), get.line());
        }
    }

    @Test
    void aValueSpellsItsKeysIdInItsFirstTwentyBytes() {
        final byte[] value = ClientLatency.valueOf(9_876_543_210L, 24);
        assertEquals("00000000009876543210vvvv", new String(value, StandardCharsets.US_ASCII));
        ClientLatency.spell(42, value);
        assertEquals("00000000000000000042vvvv", new String(value, StandardCharsets.US_ASCII));
    }

    @Test
    void badOptionsAreRefusedInOneLineNamingTheOption() {
        assertEquals("--port is required",
            assertThrows(IllegalArgumentException.class, () -> ClientLatency.parse(new String[] {"--command", "GET"}))
                .getMessage());
        assertEquals("--command must be SET or GET, not DEL", assertThrows(IllegalArgumentException.class,
            () -> ClientLatency.parse(new String[] {"--port", "1", "--command", "DEL"})).getMessage());
        assertEquals("--clients takes a number, not 'many'", assertThrows(IllegalArgumentException.class,
            () -> ClientLatency.parse(new String[] {"--port", "1", "--command", "GET", "--clients", "many"}))
            .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ClientLatency.parse(new String[] {"--port", "1", "--command", "GET", "--value-bytes", "8"}))
            .getMessage().startsWith("--value-bytes must be 20..1048576"));
    }

    private static Options options(final int port, final Command command, final int valueBytes) {
        return new Options("127.0.0.1", port, 4, 0.3, 0.05, 1_000, valueBytes, command, false, null);
    }
}
