package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void theReadmesServeRowServesUntilShutdown() throws Exception {
        final ReadmeCommandsTest.Shown row = ReadmeCommandsTest.readme().stream()
            .filter(s -> s.where().equals("command table") && s.text().startsWith("jitskit serve ")).findFirst()
            .orElseThrow(() -> new AssertionError("the README's command table shows no jitskit serve row"));
        // The README test's smoke mode, as bin/test runs it: every option of the row given, --port 0, AUTH, PING,
        // SHUTDOWN NOSAVE, exit 0.
        ReadmeCommandsTest.dir = dir;
        final PrintStream savedOut = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ReadmeCommandsTest.run(row);
        } finally {
            System.setOut(savedOut);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).matches(
            "(?s)serving reference for ycsb-a-mem-quick on 127\\.0\\.0\\.1:\\d+ \\(1 I/O thread\\)\\R"),
            out.toString());
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
