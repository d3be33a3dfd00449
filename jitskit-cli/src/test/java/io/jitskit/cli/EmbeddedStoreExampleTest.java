package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/embedded-store} builds as a user builds it (its own pom, against the jitskit artifacts installed in
 * the local repository this build uses) and runs: it writes, reads back, checkpoints, closes and recovers.
 *
 * <p>The reactor installs {@code jitskit-api} and {@code jitskit-stores} before this module's tests run
 * ({@code bin/test} runs {@code mvn install}), so the example compiles against this branch's SPI.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedStoreExampleTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path EXAMPLE = ROOT.resolve("examples/embedded-store");

    @TempDir
    Path dir;

    @Test
    void theEmbeddingExampleBuildsWithItsOwnPomAndRunsWithOneSessionPerThread() throws Exception {
        final String mvn = onPath("mvn");
        assumeTrue(mvn != null, "mvn is not on PATH: the example is built with Maven, as a user builds it");
        // A copy, so the build writes nothing into the source tree.
        final Path project = dir.resolve("embedded-store");
        copy(EXAMPLE, project);

        final Path classpathFile = project.resolve("target/classpath.txt");
        final Path buildLog = dir.resolve("mvn.log");
        final Process build = new ProcessBuilder(mvn, "-B", "-q", "-o", "-Dmaven.repo.local=" + localRepository(),
            "-f", project.resolve("pom.xml").toString(), "compile", "dependency:build-classpath",
            "-Dmdep.outputFile=" + classpathFile)
            .redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
        assertTrue(build.waitFor(50, TimeUnit.SECONDS), "mvn on the example did not finish in 50 s");
        final String buildOut = read(buildLog);
        assertEquals(0, build.exitValue(), () -> "the example does not build:\n" + buildOut);

        final String java = ProcessHandle.current().info().command().orElse("java");
        final String classpath = project.resolve("target/classes") + File.pathSeparator
            + Files.readString(classpathFile).strip();
        final Path runLog = dir.resolve("run.log");
        final Process run = new ProcessBuilder(java, "-cp", classpath, "example.Main",
            project.resolve("card.yaml").toString(), "reference", dir.resolve("data").toString())
            .redirectErrorStream(true).redirectOutput(runLog.toFile()).start();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the example did not finish in 30 s");
        final String out = read(runLog);
        assertEquals(0, run.exitValue(), out);
        assertTrue(out.contains("opened reference in "), out);
        assertTrue(out.contains("recovered: Recovery[restored=true"), out);
        assertTrue(out.contains("wrote and read back 200 keys from 2 threads, checkpointed, closed, reopened"), out);
    }

    /**
     * The local repository of the build running this test: {@code maven.repo.local} when the JVM was given it, else
     * the repository a dependency of this test was resolved from (picocli: {@code REPO/info/picocli/picocli/V/x.jar}),
     * so a build with {@code -Dmaven.repo.local=...} has the example resolve from the same place.
     */
    static Path localRepository() throws URISyntaxException {
        final String given = System.getProperty("maven.repo.local");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        final Path jar = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent().getParent().getParent();
    }

    private static String onPath(final String command) {
        for (final String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            final Path p = Path.of(d, command);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static void copy(final Path from, final Path to) throws IOException {
        final List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.filter(p -> !from.relativize(p).startsWith("target") && !from.relativize(p).startsWith("data"))
                .forEach(all::add);
        }
        for (final Path p : all) {
            final Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }

    private static String read(final Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
