package io.jitskit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real redis-cli against the server, when it is installed ({@code bin/redis-server.sh} brings it on Debian). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisCliTest {

    @TempDir
    Path dir;

    private static Path redisCli() {
        for (final String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            final Path p = Path.of(d, "redis-cli");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String cli(final Path cli, final int port, final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of(cli.toString(), "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("redis-cli " + String.join(" ", args) + " did not finish in 20 s");
        }
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void redisCliSetsAndGetsAHundredByteValue() throws Exception {
        final Path cli = redisCli();
        assumeTrue(cli != null, "redis-cli is not on PATH (bin/redis-server.sh installs it); skipped");
        try (ServedStore s = new ServedStore(ServedStore.ID8_CARD, dir, 2, null)) {
            final String value = "v".repeat(100);
            assertEquals("OK", cli(cli, s.port(), "SET", "1", value));
            assertEquals(value, cli(cli, s.port(), "GET", "1"));
            assertEquals("PONG", cli(cli, s.port(), "PING"));
            assertEquals("1", cli(cli, s.port(), "INCR", "2"));
            assertEquals(value, cli(cli, s.port(), "-3", "GET", "1"), "RESP3, after redis-cli's HELLO 3");
        }
    }
}
