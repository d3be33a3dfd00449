package io.jitskit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.report.chart.Charts;
import io.jitskit.report.chart.TrajectoryChart;
import io.jitskit.report.compare.CompareIo;
import io.jitskit.report.compare.CompareResult;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.BestStore;
import io.jitskit.report.synth.Outcome;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@value #FILE_NAME} into a comparison directory (holding {@code compare.json}) or a synthesis run directory
 * (holding {@code trajectory.json}, optionally {@code compare/compare.json}, {@code gate-report.json},
 * {@code design-brief.md} and {@code whiteboard.md}).
 */
public final class ReportWriter {

    public static final String FILE_NAME = "report.html";
    public static final String GATE_REPORT = "gate-report.json";
    public static final String DESIGN_BRIEF = "design-brief.md";
    public static final String WHITEBOARD = "whiteboard.md";
    /** Where a synthesis run keeps the comparison of its best store with the peers. */
    public static final String SYNTH_COMPARE = "compare/" + CompareIo.JSON_FILE;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /**
     * Writes the report of {@code dir}, whichever kind it is (a synthesis run directory wins when both files are
     * present, since its report includes its comparison).
     *
     * @return the report file
     * @throws ReportDirectoryException when {@code dir} is neither kind; the message names what is missing
     */
    public static Path write(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ReportDirectoryException(dir + ": no such directory; give a comparison directory (jitskit "
                + "compare --out) or a synthesis run directory");
        }
        if (Files.isRegularFile(dir.resolve(TrajectoryIo.FILE_NAME))) {
            return writeSynthesis(dir);
        }
        if (Files.isRegularFile(dir.resolve(CompareIo.JSON_FILE))) {
            return writeCompare(dir);
        }
        throw new ReportDirectoryException(dir + ": neither a synthesis run directory (no " + TrajectoryIo.FILE_NAME
            + ") nor a comparison directory (no " + CompareIo.JSON_FILE + "); give the directory jitskit compare or "
            + "jitskit synthesize wrote");
    }

    /** Writes the report of a comparison directory. */
    public static Path writeCompare(final Path dir) throws IOException {
        final CompareResult r = CompareIo.read(dir.resolve(CompareIo.JSON_FILE));
        final Html h = new Html();
        h.element("h1", null, "jitskit compare: " + r.spec());
        facts(h, "spec file", r.specFile(), "started", r.startedAt(), "finished", r.finishedAt(),
            "stores", Integer.toString(r.stores().size()));
        h.element("h2", null, "Throughput by store");
        CompareSection.render(h, r, "h2");
        return save(dir, Page.wrap("jitskit compare: " + r.spec(), h.toString(), dir.toString()));
    }

    /** Writes the report of a synthesis run directory. */
    public static Path writeSynthesis(final Path dir) throws IOException {
        final Trajectory t = TrajectoryIo.read(dir.resolve(TrajectoryIo.FILE_NAME));
        final Html h = new Html();
        h.element("h1", null, "jitskit synthesis: " + t.spec());
        summary(h, t);
        specCard(h, dir, t);

        h.element("h2", null, "Trajectory");
        final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        t.iterations().forEach(a -> counts.merge(a.outcome(), 1L, Long::sum));
        h.open("p", "lead").text(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wire())
            .collect(Collectors.joining(", ")) + (counts.isEmpty() ? "no attempts yet" : "")).close("p");
        h.open("div", "chart").raw(Charts.svg(trajectoryChart(t), Charts.WIDTH, 520)).close("div");

        h.element("h2", null, "The best store beside its peers");
        final Path compare = dir.resolve(SYNTH_COMPARE);
        if (Files.isRegularFile(compare)) {
            CompareSection.render(h, CompareIo.read(compare), "h3");
        } else {
            h.element("p", "missing", "No comparison yet (" + SYNTH_COMPARE + " is absent).");
        }

        h.element("h2", null, "Correctness gate");
        final Path gate = dir.resolve(GATE_REPORT);
        if (Files.isRegularFile(gate)) {
            gate(h, gate);
        } else {
            h.element("p", "missing", "No gate report (" + GATE_REPORT + " is absent).");
        }

        soaks(h, dir);

        markdownFile(h, dir.resolve(DESIGN_BRIEF), "Design brief");
        markdownFile(h, dir.resolve(WHITEBOARD), "Whiteboard");

        h.element("h2", null, "Every attempt");
        attempts(h, t.iterations());
        return save(dir, Page.wrap("jitskit synthesis: " + t.spec(), h.toString(), dir.toString()));
    }

    /** The trajectory as a chart, the cost strip drawn when any iteration cost money. */
    public static TrajectoryChart trajectoryChart(final Trajectory t) {
        final List<TrajectoryChart.Point> points = t.iterations().stream()
            .map(a -> new TrajectoryChart.Point(a.iteration(), a.mops(), a.bestSoFar(), a.outcome(), a.design(),
                a.costUsd()))
            .toList();
        return new TrajectoryChart(t.spec() + ": synthesis trajectory", points, t.costUsd() > 0);
    }

    private static void summary(final Html h, final Trajectory t) {
        final BestStore b = t.best();
        final double elapsed = t.iterations().stream().mapToDouble(Attempt::elapsedSeconds).sum();
        facts(h, "spec file", t.specFile(), "started", t.startedAt(),
            "iterations", Integer.toString(t.iterations().size()),
            "best store", b == null ? "none accepted yet" : String.format(Locale.ROOT,
                "%.3f Mops/s from iteration %d: %s", b.mops(), b.iteration(), b.design()),
            "best store files", b == null ? "-" : b.jar() + ", " + b.source(),
            "time", String.format(Locale.ROOT, "%.0f s over all iterations", elapsed),
            "model cost", String.format(Locale.ROOT, "$%.2f", t.costUsd()));
    }

    /** The spec card's own words: its leading comment lines, then the YAML as written. */
    private static void specCard(final Html h, final Path dir, final Trajectory t) throws IOException {
        h.element("h2", null, "Spec");
        final Path file = locate(dir, t.specFile());
        if (file == null) {
            h.element("p", "missing", "The spec file " + t.specFile() + " is not found from here; the report shows "
                + "it when the file is reachable from the run directory or the working directory.");
            return;
        }
        final String yaml = Files.readString(file, StandardCharsets.UTF_8);
        final String comment = yaml.lines().takeWhile(l -> l.startsWith("#"))
            .map(l -> l.replaceFirst("^#\\s?", "")).collect(Collectors.joining("\n"));
        if (!comment.isBlank()) {
            h.element("pre", "spec-summary", comment);
        }
        h.element("pre", "spec-yaml", yaml);
    }

    private static Path locate(final Path dir, final String specFile) {
        if (specFile == null || specFile.isBlank()) {
            return null;
        }
        final Path p = Path.of(specFile);
        for (final Path candidate : List.of(p, dir.resolve(p), dir.resolve(p.getFileName()))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The gate's verdicts. The gate's report is read loosely (its writer lives in another module): an array of
     * check objects under {@code checks} or {@code results} is shown as a table of check, verdict, summary and
     * reproducer, top-level scalars as facts; anything else is shown as the JSON itself.
     */
    private static void gate(final Html h, final Path file) throws IOException {
        final JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (final IOException e) {
            h.element("p", "status-failed", file + ": not readable JSON (" + e.getMessage() + ")");
            return;
        }
        final JsonNode checks = root.isArray() ? root : root.has("checks") ? root.get("checks") : root.get("results");
        if (root.isObject()) {
            final StringBuilder scalars = new StringBuilder();
            for (final Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode()) {
                    scalars.append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n');
                }
            }
            if (!scalars.isEmpty()) {
                h.element("pre", "gate-facts", scalars.toString().strip());
            }
        }
        if (checks == null || !checks.isArray()) {
            h.element("pre", "gate-json", JSON.writeValueAsString(root));
            return;
        }
        h.open("table", "gate");
        h.row("th", "check", "verdict", "summary", "reproducer");
        for (final JsonNode c : checks) {
            final String verdict = c.path("verdict").asText("?").toLowerCase(Locale.ROOT);
            final boolean applicable = c.path("applicable").asBoolean(true);
            final String shown = "undecided".equals(verdict) && !applicable ? "n/a" : verdict;
            h.row("td", c.path("check").asText(c.path("name").asText("?")), "verdict-" + verdict + "|" + shown,
                "reason|" + c.path("summary").asText(""), c.path("reproducer").asText(""));
        }
        h.close("table");
    }

    /** Where {@code jitskit soak} of a run's best store writes, one directory per soak. */
    public static final String SOAKS = "soak";
    /** The one line a soak writes about itself. */
    public static final String SOAK_LINE = "soak.txt";

    /** The soaks of the best store, one line each: how long it was exercised and what was checked. */
    private static void soaks(final Html h, final Path dir) throws IOException {
        h.element("h2", null, "Long runs");
        final Path root = dir.resolve(SOAKS);
        final List<Path> lines = new java.util.ArrayList<>();
        if (Files.isDirectory(root)) {
            try (java.util.stream.Stream<Path> each = Files.list(root)) {
                each.map(d -> d.resolve(SOAK_LINE)).filter(Files::isRegularFile).sorted().forEach(lines::add);
            }
        }
        if (lines.isEmpty()) {
            h.element("p", "missing", "No soak of the best store yet: jitskit soak --spec CARD --store "
                + dir.resolve("best").resolve("store.jar") + " runs it for 10 times the card's run length with every "
                + "freshness check on.");
            return;
        }
        h.open("ul", "soaks");
        for (final Path line : lines) {
            h.element("li", null, line.getParent().getFileName() + ": " + Files.readString(line,
                StandardCharsets.UTF_8).strip());
        }
        h.close("ul");
    }

    private static void markdownFile(final Html h, final Path file, final String heading) throws IOException {
        h.element("h2", null, heading);
        if (Files.isRegularFile(file)) {
            h.open("div", "markdown").raw(Markdown.toHtml(Files.readString(file, StandardCharsets.UTF_8)))
                .close("div");
        } else {
            h.element("p", "missing", "No " + file.getFileName() + " in this run.");
        }
    }

    private static void attempts(final Html h, final List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            h.element("p", "missing", "No attempts yet.");
            return;
        }
        h.open("table", "attempts");
        h.row("th", "#", "outcome", "Mops/s", "best so far", "design", "why", "gate checks failed", "time s",
            "cost $");
        for (final Attempt a : attempts) {
            h.row("td", "num|" + a.iteration(), "outcome-" + a.outcome().wire() + "|" + a.outcome().wire(),
                "num|" + CompareSection.mops(a.mops()), "num|" + CompareSection.mops(a.bestSoFar()), a.design(),
                "reason|" + a.reason(), String.join(", ", a.gateFailures()),
                "num|" + String.format(Locale.ROOT, "%.1f", a.elapsedSeconds()),
                "num|" + String.format(Locale.ROOT, "%.3f", a.costUsd()));
        }
        h.close("table");
    }

    /** A definition list of {@code name, value} pairs given flat. */
    private static void facts(final Html h, final String... pairs) {
        h.open("dl", "facts");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            h.element("dt", null, pairs[i]);
            h.element("dd", null, pairs[i + 1] == null ? "-" : pairs[i + 1]);
        }
        h.close("dl");
    }

    private static Path save(final Path dir, final String html) throws IOException {
        final Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }
}
