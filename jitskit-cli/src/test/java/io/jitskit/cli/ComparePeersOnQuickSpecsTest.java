package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.report.compare.CompareIo;
import io.jitskit.report.compare.CompareResult;
import io.jitskit.report.compare.StoreAggregate;
import io.jitskit.testsupport.ProjectScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jitskit compare --stores peers} on every quick spec of the suite: each peer, Redis included, is run in a
 * child JVM against the card, one short run each. A peer may decline a card it cannot serve (with its reason) or
 * break the card's memory budget (the harness measured it); any other failure is a broken adapter. About 6 minutes
 * on 2 cores, so it runs as {@code bin/test-peers} (CI runs it after {@code bin/test}).
 */
@Tag("peers")
class ComparePeersOnQuickSpecsTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void startRedis() throws IOException, InterruptedException {
        ProjectScripts.startRedis();
    }

    static Stream<Path> quickSpecs() throws IOException {
        try (Stream<Path> files = Files.list(ProjectScripts.root().resolve("specs"))) {
            final List<Path> specs = files.filter(f -> f.getFileName().toString().endsWith("-quick.yaml")).sorted()
                .toList();
            assertFalse(specs.isEmpty(), "no quick specs under specs/");
            return specs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quickSpecs")
    void everyPeerRunsOrSaysWhyNot(final Path spec) throws Exception {
        final Path dir = out.resolve(spec.getFileName().toString().replace(".yaml", ""));
        final int exit = Jitskit.run("compare", "--spec", spec.toString(), "--stores", "peers", "--runs", "1",
            "--duration", "1", "--out", dir.toString(), "--seed", "11");
        final CompareResult result = CompareIo.read(dir.resolve(CompareIo.JSON_FILE));
        final Map<String, StoreAggregate> rows = result.stores().stream()
            .collect(Collectors.toMap(StoreAggregate::store, Function.identity()));
        assertEquals(CompareCommand.PEERS.stream().sorted().toList(), rows.keySet().stream().sorted().toList(),
            "one row per peer");
        boolean anyFailed = false;
        boolean anyRan = false;
        for (final StoreAggregate row : rows.values()) {
            final String what = spec.getFileName() + ", " + row.store() + ": " + row.status() + " " + row.reason();
            switch (row.status()) {
                case StoreAggregate.OK -> {
                    assertNotNull(row.medianMops(), what);
                    assertTrue(row.medianMops() > 0, what);
                    assertTrue(row.peakChargedBytes() <= row.budgetBytes(), what);
                    assertFalse(row.durability().isBlank() || "unknown".equals(row.durability()), what);
                    anyRan |= StoreAggregate.IN_PROCESS.equals(row.category());
                }
                case StoreAggregate.SKIPPED -> assertTrue(row.reason() != null && row.reason().contains(
                    "cannot serve " + result.spec()), what);
                case StoreAggregate.FAILED -> {
                    assertTrue(row.reason() != null && row.reason().contains("memory budget exceeded"), what);
                    anyFailed = true;
                }
                default -> throw new AssertionError("unknown status: " + what);
            }
        }
        assertTrue(anyRan, spec.getFileName() + ": no in-process peer could run the card");
        assertEquals(anyFailed ? Jitskit.EXIT_FAILED : 0, exit, "exit code");
        assertTrue(Files.readString(dir.resolve(CompareIo.TEXT_FILE)).contains("vs best peer"));
    }
}
