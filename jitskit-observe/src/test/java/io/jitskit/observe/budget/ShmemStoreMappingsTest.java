package io.jitskit.observe.budget;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShmemStoreMappingsTest {

    private static final String SMAPS = """
        7f0000000000-7f0000400000 rw-s 00000000 00:1a 1234                       /dev/shm/store/log.0
        Size:               4096 kB
        Rss:                3072 kB
        Pss:                3072 kB
        Anonymous:             0 kB
        VmFlags: rd wr sh mr mw me ms sd
        7f0000400000-7f0000500000 rw-p 00000000 00:1a 1235                       /dev/shm/store/index (deleted)
        Size:               1024 kB
        Rss:                1024 kB
        Anonymous:           256 kB
        VmFlags: rd wr mr mw me ac sd
        7f0000500000-7f0000600000 rw-s 00000000 00:1a 999                        /dev/shm/other/file
        Size:               1024 kB
        Rss:                1024 kB
        Anonymous:             0 kB
        7f0000600000-7f0000700000 rw-p 00000000 00:00 0
        Rss:                 512 kB
        Anonymous:           512 kB
        """;

    @Test
    void overlapIsResidentLessAnonymousOfStoreMappingsOnly() {
        // log.0: 3072 kB; index: 1024 - 256 copied-on-write kB; other file and anonymous mapping left out.
        assertEquals((3072 + 768) * 1024L, ShmemStoreMappings.overlapBytes(SMAPS, " /dev/shm/store/"));
    }

    @Test
    void noStoreMappingNoOverlap() {
        assertEquals(0, ShmemStoreMappings.overlapBytes(SMAPS, " /dev/shm/elsewhere/"));
    }
}
