package io.jitskit.harness;

import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small spec files for harness tests, written as YAML so that they go through the real parser. */
public final class HarnessSpecs {

    private HarnessSpecs() {
    }

    /** A YAML spec with the given budget, mix and run, 8-byte keys, 100-byte values, durability none. */
    public static String yaml(final String name, final String budget, final long keys, final String mix,
                              final String run) {
        return """
            name: %s
            environment:
              memory-budget: %s
              threads: 2
            workload:
              keys: {count: %d}
              values: {fixed: 100}
              mix: %s
              distribution: {zipfian: 0.99}
              run: %s
            requirements:
              operations: [read, upsert, rmw, delete]
              durability: none
            """.formatted(name, budget, keys, mix, run);
    }

    /** Writes {@code yaml} to {@code dir/name.yaml} and parses it. */
    public static Path write(final Path dir, final String name, final String yaml) throws IOException {
        final Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    public static Spec parse(final Path file) {
        try {
            return SpecParser.parse(file);
        } catch (final SpecException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
