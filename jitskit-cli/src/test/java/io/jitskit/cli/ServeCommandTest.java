package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    void theReadmesServeRowServesUntilShutdown() throws Exception {
        final ReadmeCommandsTest.Shown row = ReadmeCommandsTest.readme().stream()
            .filter(s -> s.where().equals("command table") && s.text().startsWith("jitskit serve ")).findFirst()
            .orElseThrow(() -> new AssertionError("the README's command table shows no jitskit serve row"));
        // The README test's smoke mode, as bin/test runs it: every option of the row given, --port 0, AUTH, PING,
        // SHUTDOWN NOSAVE, exit 0.
        final Path savedDir = ReadmeCommandsTest.dir;
        ReadmeCommandsTest.dir = dir;
        final PrintStream savedOut = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ReadmeCommandsTest.run(row);
        } finally {
            System.setOut(savedOut);
            ReadmeCommandsTest.dir = savedDir;
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).matches(
            "(?s)serving reference for ycsb-a-mem-quick on 127\\.0\\.0\\.1:\\d+ \\(1 I/O thread\\)\\R"),
            out.toString());
    }

    /** {@code jitskit serve} in a child JVM, as a user runs it; its output goes to {@code log}. */
    private Process serveProcess(final Path data, final Path portFile, final Path log) throws IOException {
        Files.deleteIfExists(portFile);
        final String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.jitskit.cli.Jitskit",
            "serve", "--spec", ROOT.resolve("specs/ycsb-a-mem-quick.yaml").toString(), "--store", "reference",
            "--port", "0", "--data", data.toString(), "--port-file", portFile.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int awaitPort(final Process p, final Path portFile, final Path log) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            assertTrue(p.isAlive(), "jitskit serve exited: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "jitskit serve did not start in 60 s: " + Files.readString(log));
            Thread.sleep(20);
        }
        return Integer.parseInt(Files.readString(portFile).strip());
    }

    /** Sends inline commands and returns the reply lines (a bulk's header and its text are two lines). */
    private static List<String> talk(final int port, final int lines, final String... commands) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            final BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.US_ASCII));
            s.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            final List<String> replies = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                replies.add(in.readLine());
            }
            return replies;
        }
    }

    @Test
    void sigtermCheckpointsAndClosesTheStoreSoThatARestartReadsBack() throws Exception {
        final Path data = dir.resolve("data");
        final Path portFile = dir.resolve("port");
        final Path log = dir.resolve("serve.log");
        final String v = "s".repeat(100);
        final Process first = serveProcess(data, portFile, log);
        try {
            final int port = awaitPort(first, portFile, log);
            assertEquals(List.of("+OK", ":1", ":2"), talk(port, 3, "SET 1 " + v, "INCR 2", "INCR 2"));
            first.destroy();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops jitskit serve");
        } finally {
            first.destroyForcibly();
        }
        final Process second = serveProcess(data, portFile, log);
        try {
            final int port = awaitPort(second, portFile, log);
            assertEquals(List.of("$100", v, ":3"), talk(port, 3, "GET 1", "INCR 2"));
            assertEquals(java.util.Collections.singletonList(null), talk(port, 1, "SHUTDOWN NOSAVE"));
            assertTrue(second.waitFor(30, TimeUnit.SECONDS), "SHUTDOWN stops jitskit serve");
            assertEquals(0, second.exitValue(), Files.readString(log));
        } finally {
            second.destroyForcibly();
        }
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
