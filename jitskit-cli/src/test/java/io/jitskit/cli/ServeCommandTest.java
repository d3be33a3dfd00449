package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jitskit serve}: the README's line starts, answers and stops on SHUTDOWN; unsafe or bad options refuse. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;

    @Test
    void theReadmesServeLineServesUntilShutdown() throws Exception {
        final List<String> args = new ArrayList<>(List.of("serve", "--spec",
            ROOT.resolve("specs/ycsb-a-mem-quick.yaml").toString(), "--store", "reference", "--port", "0",
            "--bind", "127.0.0.1", "--threads", "2", "--requirepass", "pw", "--data", dir.resolve("data").toString(),
            "--port-file", dir.resolve("port").toString()));
        final PrintStream savedOut = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, ReadmeCommandsTest.serveSmoke(args));
        } finally {
            System.setOut(savedOut);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).matches(
            "(?s)serving reference for ycsb-a-mem-quick on 127\\.0\\.0\\.1:\\d+ \\(2 I/O threads\\)\\R"), out.toString());
        assertTrue(ReadmeCommandsTest.readme().stream().anyMatch(s -> s.text().startsWith("jitskit serve ")),
            "the README's command table shows serve");
    }

    private static String refusal(final int code, final String... args) {
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(code, Jitskit.run(args));
        } finally {
            System.setErr(savedErr);
        }
        final String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        return text.strip();
    }

    @Test
    void aNonLoopbackBindWithoutPasswordRefusesToStart() {
        assertEquals("jitskit serve: --bind 0.0.0.0 listens beyond this machine without a password; give "
            + "--requirepass PW, or bind 127.0.0.1", refusal(Jitskit.EXIT_USAGE, "serve", "--spec",
            ROOT.resolve("specs/ycsb-a-mem-quick.yaml").toString(), "--store", "reference", "--bind", "0.0.0.0",
            "--port", "0", "--data", dir.resolve("data").toString()));
    }

    @Test
    void anUnknownStoreOrABadPortIsOneLine() {
        assertTrue(refusal(Jitskit.EXIT_USAGE, "serve", "--spec", ROOT.resolve("specs/ycsb-a-mem-quick.yaml")
            .toString(), "--store", "nosuch", "--data", dir.toString()).startsWith("jitskit serve: --store unknown "
            + "store 'nosuch'"));
        assertTrue(refusal(Jitskit.EXIT_USAGE, "serve", "--spec", ROOT.resolve("specs/ycsb-a-mem-quick.yaml")
            .toString(), "--store", "reference", "--port", "70000", "--data", dir.toString())
            .startsWith("jitskit serve: --port 70000"));
    }
}
