package io.jitskit.synth.engine.log;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Page-cache residency of files, as the budget's sampler charges it, through util-linux's {@code fincore}. */
final class PageCache {

    private PageCache() {
    }

    /** Bytes of the regular files directly under {@code dir} resident in the page cache; skips without fincore. */
    static long residentBytes(final Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fincore")), "util-linux fincore is not installed");
        final List<String> command = new ArrayList<>(List.of("/usr/bin/fincore", "--bytes", "--noheadings",
            "--output", "RES"));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(p -> command.add(p.toString()));
        }
        if (command.size() == 5) {
            return 0;
        }
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for fincore", e);
        }
        long total = 0;
        for (final String line : output.split("\n")) {
            final String t = line.strip();
            if (t.matches("\\d+")) {
                total += Long.parseLong(t);
            }
        }
        return total;
    }
}
