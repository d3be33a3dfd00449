package io.jitskit.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedLinesTest {

    @TempDir
    Path dir;

    @Test
    void writtenLinesReadBackAndNoTemporaryFileStays() throws IOException {
        final List<String> lines = List.of("format 1", "checkpoint 4", "session 0 17");
        CheckedLines.replace(dir, "M", lines);
        assertEquals(lines, CheckedLines.read(dir.resolve("M"), "format 1"));
        assertFalse(Files.exists(dir.resolve("M.tmp")));
        final IOException other = assertThrows(IOException.class, () -> CheckedLines.read(dir.resolve("M"),
            "format 2"));
        assertTrue(other.getMessage().startsWith(dir.resolve("M") + ":1:"), other.getMessage());
    }

    @Test
    void aFlippedBitOrACutAnywhereIsRefused() throws IOException {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        CheckedLines.replace(dir, "M", List.of("format 1", "checkpoint 123456", "log 0 65536", "session 3 99"));
        final Path file = dir.resolve("M");
        final byte[] good = Files.readAllBytes(file);
        for (int round = 0; round < 200; round++) {
            final byte[] bad = random.nextBoolean()
                ? java.util.Arrays.copyOf(good, random.nextInt(good.length))
                : good.clone();
            if (bad.length == good.length) {
                bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(7));
            }
            Files.write(file, bad);
            final int r = round;
            assertThrows(IOException.class, () -> CheckedLines.read(file, "format 1"),
                () -> "seed " + seed + ", round " + r + ": " + new String(bad, StandardCharsets.UTF_8));
        }
    }
}
