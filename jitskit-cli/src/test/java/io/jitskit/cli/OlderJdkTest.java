package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Plain {@code mvn} under a JDK older than 25 stops with the sentence the launcher prints when it finds no JDK 25,
 * rather than the JVM refusing an option of {@code .mvn/jvm.config} or the compiler refusing release 25.
 */
class OlderJdkTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void mavenUnderAnOlderJdkSaysHowToGetJdk25() throws Exception {
        final Optional<Path> older = olderJdk();
        assumeTrue(older.isPresent(), "no JDK older than 25 under /usr/lib/jvm to run Maven with");
        final String sentence = noJdkSentence();
        final ProcessBuilder pb = new ProcessBuilder("mvn", "-B", "-o", "-N", "validate")
            .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", older.get().toString());
        final Process p = pb.start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertNotEquals(0, p.exitValue(), output);
        assertTrue(output.contains(sentence), output);
        assertFalse(output.contains("Unrecognized option"), output);
    }

    @Test
    void theLauncherPrintsTheSameSentenceFromThePom() throws Exception {
        // bin/jdk.sh extracts the sentence from pom.xml with this sed expression; run it as the script does.
        final Process p = new ProcessBuilder("bash", "-c", "sed -n "
            + "'s:.*<jitskit.noJdkMessage>\\(.*\\)</jitskit.noJdkMessage>.*:\\1:p' pom.xml")
            .directory(ROOT.toFile()).start();
        final String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertTrue(Files.readString(ROOT.resolve("bin/jdk.sh")).contains("<jitskit.noJdkMessage>"),
            "bin/jdk.sh reads its sentence from pom.xml");
        assertTrue(printed.equals(noJdkSentence()) && printed.contains("SDKMAN") && printed.contains("macOS")
            && printed.contains("Debian/Ubuntu"), printed);
    }

    private static String noJdkSentence() throws IOException {
        final Matcher m = Pattern.compile("<jitskit.noJdkMessage>(.*)</jitskit.noJdkMessage>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), "pom.xml defines jitskit.noJdkMessage");
        return m.group(1);
    }

    private static Optional<Path> olderJdk() throws IOException {
        final Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            final List<Path> found = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                .filter(d -> majorVersion(d) > 0 && majorVersion(d) < 25).toList();
            return found.stream().findFirst();
        }
    }

    private static int majorVersion(final Path jdk) {
        try {
            final Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (final IOException noReleaseFile) {
            return 0;
        }
    }
}
