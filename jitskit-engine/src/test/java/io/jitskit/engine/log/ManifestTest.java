package io.jitskit.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenManifestReadsBackWithEveryCutAndSerial() throws IOException {
        assertFalse(Manifest.existsIn(dir));
        final Manifest m = new Manifest(7, 1234, Map.of(0, 65536L, 1, 0L, 8, 4096L), Map.of(0, 99L, 1, 3L));
        m.write(dir);
        assertTrue(Manifest.existsIn(dir));
        final Manifest read = Manifest.read(dir);
        assertEquals(m.id(), read.id());
        assertEquals(m.claimed(), read.claimed());
        assertEquals(m.cuts(), read.cuts());
        assertEquals(m.serials(), read.serials());
    }

    @Test
    void aChangedCharacterAnywhereIsRefusedNamingTheFile() throws IOException {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        new Manifest(3, 10, Map.of(0, 160L), Map.of(0, 12L)).write(dir);
        final Path file = dir.resolve(Manifest.NAME);
        final byte[] good = Files.readAllBytes(file);
        for (int round = 0; round < 50; round++) {
            final byte[] bad = good.clone();
            final int at = random.nextInt(bad.length);
            // A digit for a digit keeps every line parseable: only the checksum can tell.
            bad[at] = (byte) (Character.isDigit(bad[at]) ? '0' + (bad[at] - '0' + 1 + random.nextInt(9)) % 10
                : bad[at] ^ (1 << random.nextInt(7)));
            Files.write(file, bad);
            final IOException e = assertThrows(IOException.class, () -> Manifest.read(dir),
                () -> "seed " + seed + ": byte " + at + " changed to " + new String(bad, StandardCharsets.UTF_8));
            assertTrue(e.getMessage().contains(file.toString()), "seed " + seed + ": " + e.getMessage());
        }
    }
}
