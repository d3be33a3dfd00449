package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jitskit compare} and {@code jitskit report} end to end: reference against noop in child JVMs. noop forgets
 * every key, so the harness fails it after the load; the command must say so and exit 1.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    /** A 20,000-key zipfian read/upsert card with no durability, run for 1 s: a comparison in seconds. */
    static Path tinySpec(final Path dir) throws java.io.IOException {
        final Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
            name: tiny
            environment:
              memory-budget: 256MiB
              threads: 2
            workload:
              keys: {count: 20000}
              values: {fixed: 100}
              mix: {read: 50, upsert: 50}
              distribution: {zipfian: 0.99}
              run: {duration: 1s}
            requirements:
              operations: [read, upsert, rmw, delete]
              durability: none
            """);
        return file;
    }

    private Path spec() throws Exception {
        return tinySpec(dir);
    }

    @Test
    void compareWritesTheTableJsonAndChartsAndReportTurnsThemIntoAPage() throws Exception {
        final Path out = dir.resolve("cmp");
        final int exit = Jitskit.run("compare", "--spec", spec().toString(), "--stores", "reference,noop",
            "--runs", "1", "--duration", "1", "--out", out.toString(), "--seed", "7");
        assertEquals(Jitskit.EXIT_FAILED, exit, "noop fails the harness's checks");
        for (final String f : new String[] {"compare.json", "compare.txt", "compare.svg", "compare.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        final String table = Files.readString(out.resolve("compare.txt"));
        assertTrue(table.contains("reference") && table.contains("failed (1 of 1 runs failed)"), table);

        assertEquals(0, Jitskit.run("report", out.toString()));
        assertTrue(Files.readString(out.resolve("report.html")).contains("class=\"jitskit-chart"));
    }

    @Test
    void badStoreListsAndDirectoriesAreUsageErrors() throws Exception {
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("compare", "--spec", spec().toString(), "--stores",
            "reference,no-such-store", "--out", dir.resolve("x").toString()));
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("compare", "--spec", spec().toString(), "--stores",
            "reference[bloom_bits]", "--out", dir.resolve("x").toString()));
        assertEquals(Jitskit.EXIT_USAGE, Jitskit.run("report", dir.toString()));
    }

    @Test
    void aStoreListedTwiceIsAnAaCopyOfItsOwn() {
        final var numbered = CompareCommand.numberCopies(io.jitskit.report.compare.StoreVariant.parseList(
            "chm,rocksdb,chm,chm@none,chm"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("chm", "rocksdb", "chm#2", "chm@none", "chm#3"),
            numbered.stream().map(io.jitskit.report.compare.StoreVariant::label).toList());
    }
}
