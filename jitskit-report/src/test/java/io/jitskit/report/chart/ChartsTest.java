package io.jitskit.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.report.Fixtures;
import io.jitskit.report.Pictures;
import io.jitskit.report.Xml;
import io.jitskit.report.html.ReportWriter;
import io.jitskit.report.synth.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartsTest {

    @TempDir
    Path dir;

    private static BarChart bars() {
        return new BarChart("tiny: throughput by store", "throughput (Mops/s)", List.of(
            new BarChart.Bar("chm", 4.2, 3.9, 4.4, BarChart.Kind.IN_PROCESS, "3 runs"),
            new BarChart.Bar("rocksdb[block_cache_fraction=0.5,bloom_bits=10,memtable_mib=64]", 1.1, 1.0, 1.3,
                BarChart.Kind.IN_PROCESS, "3 runs"),
            new BarChart.Bar("redis", 0.2, 0.18, 0.21, BarChart.Kind.OUT_OF_PROCESS, "3 runs"),
            BarChart.Bar.missing("noop & <friends>", "failed")));
    }

    @Test
    void barChartSvgIsWellFormedWithATitleAxisLabelsAndOneBarPerStoreWithANumber() {
        final Document svg = Xml.parse(Charts.svg(bars(), 900, 460));
        final Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertTrue(root.getAttribute("class").contains("jitskit-chart"), root.getAttribute("class"));
        assertEquals("tiny: throughput by store", svg.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        assertEquals(2, Xml.withClasses(svg, "rect", "bar", "in-process").size());
        assertEquals(1, Xml.withClasses(svg, "rect", "bar", "out-of-process").size());
        assertEquals(1, Xml.withClasses(svg, "text", "bar-missing").size(), "the failed store keeps its slot");
        assertEquals(9, Xml.withClasses(svg, "line", "whisker").size(), "a stem and two caps per drawn bar");
        assertEquals("throughput (Mops/s)", Xml.withClasses(svg, "text", "y-label").getFirst().getTextContent());
        assertTrue(Xml.withClasses(svg, "text", "bar-label").stream()
            .anyMatch(e -> e.getTextContent().equals("noop & <friends>")), "labels are escaped, not dropped");
    }

    @Test
    void aTallerMedianDrawsATallerBar() {
        final Document svg = Xml.parse(Charts.svg(bars(), 900, 460));
        final List<Element> drawn = Xml.withClasses(svg, "rect", "bar");
        final double chm = Double.parseDouble(drawn.get(0).getAttribute("height"));
        final double rocks = Double.parseDouble(drawn.get(1).getAttribute("height"));
        final double redis = Double.parseDouble(drawn.get(2).getAttribute("height"));
        assertTrue(chm > rocks && rocks > redis, chm + " > " + rocks + " > " + redis);
        assertEquals(4.2 / 1.1, chm / rocks, 0.05, "bar heights are proportional to the medians");
    }

    @Test
    void trajectorySvgHasOnePointPerAttemptColouredByOutcomeAndABestSoFarStepLine() {
        final TrajectoryChart chart = ReportWriter.trajectoryChart(Fixtures.trajectory("tiny.yaml"));
        final Document svg = Xml.parse(Charts.svg(chart, 900, 520));
        assertTrue(svg.getDocumentElement().getAttribute("class").contains("jitskit-chart"));
        assertEquals(5, Xml.withClasses(svg, "*", "point").size());
        final Map<Outcome, Integer> expected = Map.of(Outcome.ACCEPTED, 2, Outcome.REJECTED_GATE, 1,
            Outcome.COMPILE_ERROR, 1, Outcome.SLOWER, 1, Outcome.ERROR, 0);
        expected.forEach((o, n) -> assertEquals(n, Xml.withClasses(svg, "*", "point", o.wire()).size(), o.wire()));
        assertEquals(1, Xml.withClasses(svg, "*", "point", "unmeasured").size(), "the compile error has no number");
        assertEquals(1, Xml.withClasses(svg, "polyline", "best-so-far").size());
        assertEquals(5, Xml.withClasses(svg, "rect", "cost").size(), "the cost strip: one bar per iteration");
        assertEquals("iteration", Xml.withClasses(svg, "text", "x-label").getFirst().getTextContent());
    }

    @Test
    void pngsReadBackAtTwiceTheLayoutSizeAndAreNotBlank() throws Exception {
        final Path bar = dir.resolve("bar.png");
        final Path trajectory = dir.resolve("trajectory.png");
        Charts.writePng(bars(), 900, 460, bar);
        Charts.writePng(ReportWriter.trajectoryChart(Fixtures.trajectory("tiny.yaml")), 900, 520, trajectory);
        Pictures.assertNotBlank(bar, 1800, 920);
        Pictures.assertNotBlank(trajectory, 1800, 1040);
    }

    @Test
    void axisTicksAreRoundNumbersCoveringTheData() {
        final Axis a = Axis.upTo(4.4);
        assertTrue(a.max() >= 4.4, "max " + a.max());
        assertEquals(1.0, a.step(), 1e-12);
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), a.ticks());
        assertEquals("0.02", Axis.upTo(0.07).label(0.02));
        assertEquals(1.0, Axis.upTo(0).max(), 1e-12, "an empty chart still gets an axis");
    }
}
