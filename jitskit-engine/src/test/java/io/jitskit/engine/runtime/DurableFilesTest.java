package io.jitskit.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void replaceLeavesTheNewContentUnderTheNameAndNoTemporaryFile() throws Exception {
        Files.writeString(dir.resolve("MANIFEST"), "old\n");
        // A stray temporary file from a crash before the rename is simply overwritten.
        Files.writeString(dir.resolve("MANIFEST.tmp"), "half-written");
        DurableFiles.replace(dir, "MANIFEST", "MANIFEST.tmp",
            ByteBuffer.wrap("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new\n", Files.readString(dir.resolve("MANIFEST")));
        assertFalse(Files.exists(dir.resolve("MANIFEST.tmp")));
    }

    @Test
    void replaceCreatesAFileThatDidNotExist() throws Exception {
        DurableFiles.replace(dir, "state", "state.tmp", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(3, Files.size(dir.resolve("state")));
        DurableFiles.syncDirectory(dir);
    }
}
