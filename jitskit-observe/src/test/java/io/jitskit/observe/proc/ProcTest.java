package io.jitskit.observe.proc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcTest {

    private static final String STATUS = """
        Name:\tjava
        VmHWM:\t  204800 kB
        VmRSS:\t  102400 kB
        RssAnon:\t   81920 kB
        Threads:\t17
        SwapPss:\t 7 kB
        Pss:\t 9 kB
        """;

    @Test
    void fieldScalesKibibytesAndLeavesPlainNumbers() {
        assertEquals(204_800L * 1024, Proc.field(STATUS, "VmHWM"));
        assertEquals(81_920L * 1024, Proc.field(STATUS, "RssAnon"));
        assertEquals(17, Proc.field(STATUS, "Threads"));
    }

    @Test
    void fieldMatchesWholeKeysAtLineStartsOnly() {
        assertEquals(9 * 1024, Proc.field(STATUS, "Pss"), "SwapPss must not match Pss");
        assertEquals(-1, Proc.field(STATUS, "Rss"), "RssAnon must not match Rss");
        assertEquals(-1, Proc.field(STATUS, "VmSwap"));
    }

    @Test
    void fieldWithoutANumberNamesTheKey() {
        final IllegalStateException failure = assertThrows(IllegalStateException.class,
            () -> Proc.field("Name:\tjava\n", "Name"));
        assertTrue(failure.getMessage().contains("Name"), failure.getMessage());
    }
}
