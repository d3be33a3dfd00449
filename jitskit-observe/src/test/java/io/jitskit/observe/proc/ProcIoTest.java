package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcIoTest {

    private static final int MIB = 1 << 20;

    @Test
    void writesAndReadsThroughSystemCallsAreCounted(@TempDir final Path directory) throws IOException {
        assumeTrue(Linux.isLinux(), "reads /proc");
        final ProcIo before = ProcIo.ofSelf().orElseThrow(() -> new AssertionError("own /proc/self/io withheld"));
        final ByteBuffer buffer = ByteBuffer.allocate(MIB);
        try (FileChannel channel = FileChannel.open(directory.resolve("data"), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            for (int i = 0; i < 4; i++) {
                buffer.clear();
                channel.write(buffer);
            }
            channel.force(true);
            buffer.clear();
            channel.read(buffer, 0);
        }
        final ProcIo delta = ProcIo.ofSelf().orElseThrow().minus(before);
        assertTrue(delta.writtenChars() >= 4L * MIB, delta.toString());
        assertTrue(delta.writeCalls() >= 4, delta.toString());
        assertTrue(delta.readChars() >= MIB, delta.toString());
        assertTrue(delta.readCalls() >= 1, delta.toString());
    }
}
