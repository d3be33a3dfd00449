package io.jitskit.workload.trace;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real trace samples in {@code shared/traces}, beside the repository or above it. */
final class SharedTraces {

    private SharedTraces() {
    }

    /** The sample {@code name}; skips the calling test when the samples are not on this machine. */
    static Path sample(final String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("shared").resolve("traces").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("trace sample " + name + " not found in any shared/traces above "
            + Path.of("").toAbsolutePath() + "; these tests need the samples checked out beside the repository");
        throw new AssertionError("unreachable");
    }
}
