package io.jitskit.observe.os;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LinuxTest {

    @Test
    void pageSizeAndClockTicksAgreeWithGetconf() throws IOException, InterruptedException {
        assumeTrue(Linux.isLinux(), "Linux only");
        assertEquals(Long.parseLong(getconf("PAGESIZE")), Linux.pageSize());
        assertEquals(Long.parseLong(getconf("CLK_TCK")), Linux.clockTicksPerSecond());
    }

    @Test
    void dropFromPageCacheNamesTheFileWhenItCannotBeOpened() {
        assumeTrue(Linux.isLinux(), "Linux only");
        final IOException failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> Libc.dropFromPageCache(java.nio.file.Path.of("/nonexistent/jitskit-file")));
        assertTrue(failure.getMessage().startsWith("/nonexistent/jitskit-file: open failed: No such file"),
            failure.getMessage());
    }

    private static String getconf(final String name) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, process.waitFor(), "getconf " + name + ": " + out);
        return out;
    }
}
