package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.report.Fixtures;
import io.jitskit.report.Xml;
import io.jitskit.report.Pictures;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep through {@link Comparison} with results built by hand: what lands in the comparison directory. */
class ComparisonFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSweepKeepsEachStoresBestConfigurationInTheTableAndListsTheWholeGrid() throws Exception {
        final Path specFile = Fixtures.tinySpec(dir, "tiny");
        final Path out = dir.resolve("out");
        // LMDB gets faster with write_map=true and read_ahead=false; chm is steady.
        final RunExecutor executor = (variant, round, seed, progress) -> {
            if (variant.store().equals("chm")) {
                return Fixtures.ok("chm", "in-process", 3.0 + round * 0.1, 1_000, 10L << 20);
            }
            final double mops = 1.0 + ("true".equals(variant.knobs().get("write_map")) ? 0.5 : 0)
                + ("false".equals(variant.knobs().get("read_ahead")) ? 0.25 : 0);
            return Fixtures.ok("lmdb", "in-process", mops, 2_000, 20L << 20);
        };
        final CompareResult r = Comparison.run(new CompareRequest(specFile, StoreVariant.parseList("lmdb,chm"), 2, 0,
            null, true, out, List.of(), 5L), SpecParser.parse(specFile), executor, CompareListener.NONE);

        assertEquals(2, r.stores().size());
        assertEquals("chm", r.stores().get(0).label());
        assertEquals("lmdb[read_ahead=false,write_map=true]", r.stores().get(1).label());
        assertEquals(4, r.stores().get(1).configurations());
        assertEquals(5, r.configurations().size(), "4 lmdb configurations and chm");
        assertEquals(10, r.order().size(), "5 configurations x 2 runs");
        assertEquals(List.of(KnobGrid.LMDB), r.grids());

        final CompareResult read = CompareIo.read(out.resolve(CompareIo.JSON_FILE));
        assertEquals(r, read, "compare.json round-trips");
        assertTrue(Files.readString(out.resolve(CompareIo.TEXT_FILE)).contains("best of 4 configurations"));
        assertEquals(2, Xml.withClasses(Xml.parse(Files.readString(out.resolve(CompareIo.SVG_FILE))), "rect",
            "bar").size());
        Pictures.assertNotBlank(out.resolve(CompareIo.PNG_FILE), 0, 0);
    }

    @Test
    void aFileOfAnotherSchemaIsRejectedNamingTheFile() throws Exception {
        final Path file = dir.resolve(CompareIo.JSON_FILE);
        Files.writeString(file, "{\"schema\": \"jitskit.compare/0\", \"order\": [], \"stores\": [],"
            + " \"configurations\": []}");
        final String message = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
            () -> CompareIo.read(file)).getMessage();
        assertTrue(message.startsWith(file.toString()) && message.contains("schema"), message);
    }
}
