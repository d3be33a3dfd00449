package io.jitskit.agents.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void pathsThatClimbOutAreRefusedAndNothingIsWritten() throws Exception {
        final Workspace ws = new Workspace(dir.resolve("run/it-001/workspace"));
        for (final String escape : new String[] {"../../escaped.txt", "src/../../x", "/etc/passwd", "~/x", ""}) {
            final IOException e = assertThrows(OutsideWorkspaceException.class, () -> ws.write(escape, "x"), escape);
            assertTrue(e.getMessage().startsWith("path '" + escape + "' is outside the workspace"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("run/escaped.txt")));
        ws.write("src/a/../b/B.java", "class B { }");
        assertEquals("class B { }", ws.read("src/b/B.java"), "normalized paths inside are fine");
    }

    @Test
    void aSymbolicLinkLeadingOutIsRefused() throws Exception {
        final Workspace ws = new Workspace(dir.resolve("ws"));
        Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(ws.root().resolve("link"), dir.resolve("outside"));
        final IOException e = assertThrows(OutsideWorkspaceException.class, () -> ws.write("link/x.txt", "x"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("outside/x.txt")));
    }

    @Test
    void editReplacesExactlyOneOccurrenceOrSaysWhy() throws Exception {
        final Workspace ws = new Workspace(dir.resolve("ws"));
        ws.write("src/A.java", "int a = 1; int b = 1;");
        ws.edit("src/A.java", "int a = 1;", "int a = 2;");
        assertEquals("int a = 2; int b = 1;", ws.read("src/A.java"));
        assertTrue(assertThrows(IOException.class, () -> ws.edit("src/A.java", "= ", "== ")).getMessage()
            .contains("more than once"));
        assertTrue(assertThrows(IOException.class, () -> ws.edit("src/A.java", "int c", "x")).getMessage()
            .contains("not found"));
        assertEquals(java.util.Map.of("A.java", "int a = 2; int b = 1;"), ws.javaSources());
        assertTrue(ws.list("").getFirst().startsWith("src/A.java ("));
    }
}
