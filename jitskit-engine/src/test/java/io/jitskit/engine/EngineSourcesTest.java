package io.jitskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EngineSourcesTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everySourceOfTheShippedPackagesIsListedAndShippedAsCompiled() throws IOException {
        assertShipped(EngineSources.MEMORY_PACKAGE, EngineSources.MEMORY);
        assertShipped(EngineSources.LOG_PACKAGE, EngineSources.LOG);
        assertShipped(EngineSources.RUNTIME_PACKAGE, EngineSources.RUNTIME);
    }

    private static void assertShipped(final String pkg, final List<String> listed) throws IOException {
        final Path dir = SOURCES.resolve(pkg.replace('.', '/'));
        final Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                .map(n -> n.substring(0, n.length() - 5))
                .filter(n -> !n.equals("package-info") && !n.equals(EngineSources.CONFIG))
                .forEach(onDisk::add);
        }
        assertEquals(onDisk, new TreeSet<>(listed), pkg + ": a component on disk is not listed, or the reverse");
        for (final String name : listed) {
            assertEquals(Files.readString(dir.resolve(name + ".java"), StandardCharsets.UTF_8),
                EngineSources.original(pkg, name), name + " in the jar differs from its source");
        }
    }

    @Test
    void theDefaultConfigsStayOutOfTheJarsSources() {
        for (final String pkg : List.of(EngineSources.MEMORY_PACKAGE, EngineSources.LOG_PACKAGE)) {
            assertNull(EngineSources.class.getResource(EngineSources.RESOURCE_ROOT + pkg.replace('.', '/') + "/"
                + EngineSources.CONFIG + ".java"), pkg);
        }
    }

    @Test
    void relocationMovesEveryComponentIntoTheStorePackage() {
        final String pkg = "io.jitskit.generated.t.d0000abcd";
        final Map<String, String> moved = EngineSources.inMemoryComponents(pkg);
        assertEquals(EngineSources.RUNTIME.size() + EngineSources.MEMORY.size(), moved.size());
        assertMoved(pkg, moved);
        final String logPkg = "io.jitskit.generated.log.t.d0000abcd";
        final Map<String, String> log = EngineSources.logComponents(logPkg);
        assertEquals(EngineSources.RUNTIME.size() + EngineSources.LOG.size(), log.size());
        assertMoved(logPkg, log);
        assertTrue(log.get("HashIndex").contains("import static " + logPkg + ".Layout.ATOMIC_INT;"));
        final String checkpointFiles = moved.get("CheckpointFiles");
        assertTrue(checkpointFiles.contains("import static " + pkg + ".SlotLayout.KEY_OFFSET;"));
        assertTrue(checkpointFiles.contains("import io.jitskit.api.StoreException;"));
        assertFalse(checkpointFiles.contains("DurableFiles;"));
    }

    private static void assertMoved(final String pkg, final Map<String, String> moved) {
        for (final Map.Entry<String, String> e : moved.entrySet()) {
            final String body = e.getValue().substring(e.getValue().indexOf('\n') + 1);
            assertTrue(e.getValue().startsWith("// io.jitskit.engine."), e.getKey());
            assertTrue(body.contains("\npackage " + pkg + ";\n") || body.startsWith("package " + pkg + ";\n"),
                e.getKey());
            assertFalse(body.contains("io.jitskit.engine.memory") || body.contains("io.jitskit.engine.runtime")
                || body.contains("io.jitskit.engine.log"), e.getKey() + " still names an engine package");
            assertFalse(body.contains("import " + pkg + "."), e.getKey() + " imports its own package");
        }
    }
}
