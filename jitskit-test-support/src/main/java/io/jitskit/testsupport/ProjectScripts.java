package io.jitskit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The project's own scripts, found from a test's working directory (a module directory of the checkout). */
public final class ProjectScripts {

    /** bin/redis-server.sh's exit code for "cannot install". */
    private static final int CANNOT_INSTALL = 3;

    private ProjectScripts() {
    }

    /** The checkout's root: the nearest directory above the working directory that holds {@code bin/jdk.sh}. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/jdk.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/jdk.sh above " + Path.of("").toAbsolutePath()
            + ": run the tests from a checkout of the project");
    }

    /**
     * Starts redis-server on loopback through {@code bin/redis-server.sh start} (it installs the Debian package when
     * missing). Aborts the calling test as skipped, with the script's reason, only when the package cannot be
     * installed on this machine; any other failure fails the test.
     */
    public static void startRedis() throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(root().resolve("bin/redis-server.sh").toString(), "start")
            .redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/redis-server.sh start did not finish in 5 minutes: " + output);
        }
        if (p.exitValue() == CANNOT_INSTALL) {
            System.out.println("skipping redis: " + output.strip());
        }
        assumeTrue(p.exitValue() != CANNOT_INSTALL, () -> "redis-server cannot be installed: " + output.strip());
        assertEquals(0, p.exitValue(), () -> "bin/redis-server.sh start failed: " + output);
    }
}
