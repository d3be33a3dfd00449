package io.jitskit.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * YCSB's workload A through the binding against {@code reference} on {@code ycsb-client.yaml}, with
 * {@code dataintegrity=true}: in one JVM (load and run on one open store) and in YCSB's two-JVM flow (its own
 * {@code site.ycsb.Client}: the load JVM checkpoints and closes, the run JVM recovers). YCSB's verification must count
 * every read as OK and none as wrong.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkloadAUnderYcsbTest {

    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Pattern VERIFY_OK = Pattern.compile("(?m)^\\[VERIFY\\], Return=OK, (\\d+)$");
    private static final Pattern READ_OK = Pattern.compile("(?m)^\\[READ\\], Return=OK, (\\d+)$");

    @TempDir
    Path dir;

    private List<String> ycsbArgs(final Path data) {
        return List.of("-db", JitskitDB.class.getName(), "-P", MODULE.resolve("workloads/workloada").toString(),
            "-threads", "2", "-p", "recordcount=1000", "-p", "operationcount=2000", "-p", "dataintegrity=true",
            "-p", "jitskit.store=reference", "-p", "jitskit.spec=" + MODULE.resolve("ycsb-client.yaml"),
            "-p", "jitskit.data=" + data);
    }

    @Test
    void workloadALoadedAndRunInOneJvmVerifiesEveryRead() throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final boolean complete = LoadAndRun.run(ycsbArgs(dir.resolve("data")).toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(complete, text);
        final String run = text.substring(text.indexOf("# run"));
        assertTrue(text.substring(0, text.indexOf("# run")).contains("[INSERT], Return=OK, 1000"), text);
        assertVerifiedEveryRead(run);
    }

    @Test
    void workloadALoadedAndRunInYcsbsTwoJvmsRecoversAndVerifiesEveryRead() throws Exception {
        final Path data = dir.resolve("data");
        final String load = ycsb("-load", data);
        assertTrue(load.contains("[INSERT], Return=OK, 1000"), load);
        assertTrue(load.contains("jitskit: checkpointed reference"), load);
        final String run = ycsb("-t", data);
        assertTrue(run.contains("(Recovery[restored=true"), "the run JVM recovers the load's checkpoint:\n" + run);
        assertVerifiedEveryRead(run);
    }

    /** YCSB's own client in a child JVM on this test's class path: its {@code main} ends with System.exit. */
    private String ycsb(final String phase, final Path data) throws Exception {
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "site.ycsb.Client", phase));
        command.addAll(ycsbArgs(data));
        final Path log = dir.resolve("ycsb" + phase + ".log");
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "YCSB " + phase + " did not finish in 60 s");
        final String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static void assertVerifiedEveryRead(final String run) {
        final Matcher verified = VERIFY_OK.matcher(run);
        final Matcher reads = READ_OK.matcher(run);
        assertTrue(verified.find() && reads.find(), "no [VERIFY] or [READ] OK line:\n" + run);
        assertTrue(Integer.parseInt(verified.group(1)) > 0, run);
        assertEquals(reads.group(1), verified.group(1), "every read verified:\n" + run);
        // YCSB counts a record that does not verify as UNEXPECTED_STATE; any other Return= is a failed operation.
        assertTrue(run.lines().filter(l -> l.contains("Return=")).allMatch(l -> l.contains("Return=OK")), run);
    }
}
