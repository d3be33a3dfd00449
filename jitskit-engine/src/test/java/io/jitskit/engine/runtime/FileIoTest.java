package io.jitskit.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIoTest {

    @TempDir
    Path dir;

    @Test
    void bytesWrittenAtAnOffsetReadBackAndAShortReadEndsAtTheFilesEnd() throws Exception {
        final long seed = System.nanoTime();
        System.out.println("FileIoTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        try (Arena arena = Arena.ofConfined()) {
            final FileIo io = new FileIo(arena);
            final Path file = dir.resolve("data");
            final int fd = io.open(file.toString(), false);
            assertTrue(fd >= 0);
            final MemorySegment out = arena.allocate(10_000);
            for (long i = 0; i < out.byteSize(); i++) {
                out.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
            }
            io.pwrite(fd, out, out.byteSize(), 4096);
            io.datasync(fd);
            assertEquals(4096 + 10_000, Files.size(file));
            final MemorySegment in = arena.allocate(20_000);
            assertEquals(10_000, io.pread(fd, in, 20_000, 4096), "a read past the end stops at the end");
            assertEquals(-1, out.mismatch(in.asSlice(0, 10_000)), "seed " + seed);
            io.dropFromPageCache(fd, 0, 4096 + 10_000);
            io.close(fd);
        }
    }

    @Test
    void directIoIsGrantedOrRefusedWithEinvalNeverAnError() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            final FileIo io = new FileIo(arena);
            final int fd = io.open(dir.resolve("direct").toString(), true);
            assertTrue(fd >= 0 || fd == -FileIo.EINVAL, "fd " + fd);
            if (fd >= 0) {
                // O_DIRECT wants block-aligned buffers, lengths and offsets.
                final MemorySegment block = arena.allocate(4096, 4096);
                block.fill((byte) 7);
                io.pwrite(fd, block, 4096, 0);
                io.close(fd);
            }
        }
    }

    @Test
    void aMissingDirectoryIsAnIoErrorNamingThePath() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            final FileIo io = new FileIo(arena);
            final String path = dir.resolve("no/such/dir/file").toString();
            final IOException e = assertThrows(IOException.class, () -> io.open(path, false));
            assertTrue(e.getMessage().contains(path) && e.getMessage().contains("errno 2"), e.getMessage());
        }
    }
}
