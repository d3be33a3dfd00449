package io.jitskit.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.report.Fixtures;
import io.jitskit.report.Xml;
import io.jitskit.report.compare.CompareIo;
import io.jitskit.report.compare.Comparison;
import io.jitskit.report.compare.CompareListener;
import io.jitskit.report.compare.CompareRequest;
import io.jitskit.report.compare.StoreVariant;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWriterTest {

    @TempDir
    Path dir;

    /** Writes a comparison of chm, a failing store and redis into {@code out}, with results built by hand. */
    static void comparison(final Path specFile, final Path out) throws Exception {
        Comparison.run(new CompareRequest(specFile, StoreVariant.parseList("chm,broken,redis"), 2, 0, null, false,
            out, List.of(), 1L), SpecParser.parse(specFile), (variant, round, seed, progress) -> switch (
                variant.store()) {
                case "chm" -> Fixtures.ok("chm", "in-process", 4.0 + round, 1_000, 30L << 20);
                case "redis" -> Fixtures.ok("redis", "out-of-process", 0.4, 9_000, 60L << 20);
                default -> Fixtures.failed("broken", "read of key 0x2a returned <bytes> & never written");
            }, CompareListener.NONE);
    }

    @Test
    void aComparisonDirectoryGetsASelfContainedWellFormedReport() throws Exception {
        final Path out = dir.resolve("cmp");
        comparison(Fixtures.tinySpec(dir, "tiny"), out);
        final Path report = ReportWriter.write(out);
        assertEquals(out.resolve(ReportWriter.FILE_NAME), report);
        final String html = Files.readString(report);
        final Document doc = Xml.parse(html);
        assertEquals(1, Xml.withClasses(doc, "svg", "jitskit-chart").size());
        assertEquals(2, Xml.withClasses(doc, "rect", "bar").size(), "chm and redis have numbers; broken has none");
        assertEquals(1, Xml.withClasses(doc, "rect", "bar", "out-of-process").size());
        assertTrue(html.contains("read of key 0x2a returned &lt;bytes&gt; &amp; never written"), "reason escaped");
        assertTrue(html.contains("Out-of-process stores"));
        assertFalse(html.contains("<script") || html.contains("http://") && !html.contains("www.w3.org/2000/svg"),
            "no scripts, no links out");
    }

    @Test
    void aSynthesisDirectoryReportShowsTrajectoryComparisonGateBriefAndEveryAttempt() throws Exception {
        final Path run = dir.resolve("synth");
        final Path spec = Fixtures.tinySpec(run, "tiny");
        TrajectoryIo.write(Fixtures.trajectory(spec.toString()), run.resolve(TrajectoryIo.FILE_NAME));
        comparison(spec, run.resolve("compare"));
        Files.writeString(run.resolve(ReportWriter.GATE_REPORT), """
            {"store": "best/store.jar", "level": "quick", "passed": false, "checks": [
              {"check": "retention", "verdict": "PASS", "applicable": true, "summary": "20000 keys read back"},
              {"check": "torn-reads", "verdict": "FAIL", "applicable": true, "summary": "mixed versions",
               "reproducer": "repro/torn.json"},
              {"check": "crash-recovery", "verdict": "UNDECIDED", "applicable": false, "summary": "durability none"}]}
            """);
        Files.writeString(run.resolve(ReportWriter.DESIGN_BRIEF), """
            # Design brief
            Keys are **dense 8-byte ids**; values are `100 B`.
            - open addressing
            - seqlock per slot <not html>
            """);
        final String html = Files.readString(ReportWriter.write(run));
        final Document doc = Xml.parse(html);
        assertEquals(2, Xml.withClasses(doc, "svg", "jitskit-chart").size(), "trajectory and comparison charts");
        assertEquals(5, Xml.withClasses(doc, "*", "point").size());
        assertEquals(1, Xml.withClasses(doc, "td", "verdict-fail").size());
        assertEquals(1, Xml.withClasses(doc, "td", "verdict-undecided").size());
        assertTrue(html.contains("<strong>dense 8-byte ids</strong>") && html.contains("<code>100 B</code>"));
        assertTrue(html.contains("seqlock per slot &lt;not html&gt;"));
        assertTrue(html.contains("No whiteboard.md in this run."));
        assertTrue(html.contains("torn-reads: reader saw a mix of two versions"), "every attempt with its reason");
        assertTrue(html.contains("lock-free &lt;index&gt; &amp; &quot;log&quot;"));
        assertTrue(html.contains("a tiny spec for report tests"), "the spec card's own summary");
        assertEquals(5, Xml.withClasses(doc, "table", "attempts").getFirst()
            .getElementsByTagName("tr").getLength() - 1);
    }

    @Test
    void aSynthesisReportListsTheSoaksOfItsBestStoreOrSaysHowToRunOne() throws Exception {
        final Path run = dir.resolve("soaked");
        final Path spec = Fixtures.tinySpec(run, "tiny");
        TrajectoryIo.write(Fixtures.trajectory(spec.toString()), run.resolve(TrajectoryIo.FILE_NAME));
        final String before = Files.readString(ReportWriter.write(run));
        assertTrue(before.contains("No soak of the best store yet: jitskit soak"), "says how to run one");
        final Path soak = run.resolve(ReportWriter.SOAKS).resolve("tiny-20261207-180000");
        Files.createDirectories(soak);
        Files.writeString(soak.resolve(ReportWriter.SOAK_LINE), "soak: s on tiny: ok; the store was exercised 301.2 s "
            + "<and more>\n");
        final String after = Files.readString(ReportWriter.write(run));
        Xml.parse(after);
        assertTrue(after.contains("tiny-20261207-180000: soak: s on tiny: ok; the store was exercised 301.2 s "
            + "&lt;and more&gt;"), "each soak's line, escaped");
    }

    @Test
    void aDirectoryOfNeitherKindIsRejectedNamingItAndWhatIsMissing() throws Exception {
        final String message = assertThrows(ReportDirectoryException.class, () -> ReportWriter.write(dir))
            .getMessage();
        assertTrue(message.startsWith(dir.toString()) && message.contains(TrajectoryIo.FILE_NAME)
            && message.contains(CompareIo.JSON_FILE), message);
        assertFalse(message.contains("\n"));
        assertTrue(assertThrows(ReportDirectoryException.class, () -> ReportWriter.write(dir.resolve("nope")))
            .getMessage().contains("no such directory"));
    }
}
