package io.jitskit.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's {@code specs/} directory, found by walking up from the working directory. */
final class SuiteFiles {

    private SuiteFiles() {
    }

    /** The nearest ancestor of the working directory holding a {@code specs} directory beside a {@code pom.xml}. */
    static Path specsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("specs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("specs");
            }
        }
        throw new IllegalStateException("no specs/ beside a pom.xml above " + Path.of("").toAbsolutePath());
    }

    /** Every {@code *.yaml} in {@code specs/}, sorted by name. */
    static List<Path> specFiles() {
        try (Stream<Path> files = Files.list(specsDirectory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
