package io.jitskit.observe.proc;

import io.jitskit.observe.os.Linux;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessMemoryTest {

    private static final long MIB = 1 << 20;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Linux.isLinux(), "reads /proc");
    }

    @Test
    void residentSetIsTheSumOfItsParts() {
        final ProcessMemory memory = ProcessMemory.ofSelf();
        assertEquals(memory.vmRssBytes(), memory.rssAnonBytes() + memory.rssFileBytes() + memory.rssShmemBytes(),
            memory.toString());
        assertTrue(memory.vmHwmBytes() >= memory.vmRssBytes(), memory.toString());
        assertTrue(memory.rssFileBytes() > 0, "a JVM maps libjvm.so: " + memory);
    }

    @Test
    void touchedNativeMemoryShowsAsAnonymous() {
        final ProcessMemory before = ProcessMemory.ofSelf();
        final SmapsRollup rollupBefore = SmapsRollup.ofSelf();
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment block = arena.allocate(64 * MIB, 4096);
            for (long page = 0; page < block.byteSize(); page += 4096) {
                block.set(ValueLayout.JAVA_BYTE, page, (byte) 1);
            }
            final ProcessMemory after = ProcessMemory.ofSelf();
            final SmapsRollup rollupAfter = SmapsRollup.ofSelf();
            final long grown = after.rssAnonBytes() - before.rssAnonBytes();
            assertTrue(grown >= 56 * MIB, "RssAnon grew by " + grown / MIB + " MiB for 64 MiB touched");
            final long grownExactly = rollupAfter.anonymousBytes() - rollupBefore.anonymousBytes();
            assertTrue(grownExactly >= 56 * MIB, "smaps Anonymous grew by " + grownExactly / MIB + " MiB");
        }
    }

    @Test
    void anExitedProcessIsGone() throws Exception {
        final Process child = new ProcessBuilder("true").start();
        child.waitFor();
        final ProcessGoneException gone = assertThrows(ProcessGoneException.class,
            () -> ProcessMemory.of(child.pid()));
        assertEquals(child.pid(), gone.pid());
    }
}
