package io.jitskit.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class LibcTest {

    @Test
    void theMappingAndFileCallsAreBoundOnLinux() {
        assertNotNull(Libc.Mapping.MMAP);
        assertNotNull(Libc.Mapping.MADVISE);
        assertNotNull(Libc.Mapping.MUNMAP);
        assertNotNull(Libc.FileCalls.PREAD);
        assertNotNull(Libc.FileCalls.POSIX_FADVISE);
    }

    @Test
    void aMissingSymbolIsNullToFindAndALinkErrorToRequire() {
        final FunctionDescriptor d = FunctionDescriptor.of(ValueLayout.JAVA_INT);
        assertNull(Libc.find("jitskit_no_such_symbol", d));
        final UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class,
            () -> Libc.require("jitskit_no_such_symbol", d));
        assertTrue(e.getMessage().contains("jitskit_no_such_symbol"), e.getMessage());
    }
}
