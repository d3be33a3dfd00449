package io.jitskit.report.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.report.chart.BarChart;
import io.jitskit.report.chart.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a comparison directory: {@value #JSON_FILE} (everything), {@code compare.txt} (the table),
 * {@code compare.svg} and {@code compare.png} (the bar chart).
 */
public final class CompareIo {

    public static final String JSON_FILE = "compare.json";
    public static final String TEXT_FILE = "compare.txt";
    public static final String SVG_FILE = "compare.svg";
    public static final String PNG_FILE = "compare.png";

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CompareIo() {
    }

    /** Writes all four files into {@code dir}. */
    public static void write(final CompareResult result, final Path dir) throws IOException {
        Files.createDirectories(dir);
        final Path json = dir.resolve(JSON_FILE);
        final Path tmp = dir.resolve(JSON_FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), result);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(dir.resolve(TEXT_FILE), CompareTable.render(result), StandardCharsets.UTF_8);
        final BarChart chart = barChart(result);
        Charts.writeSvg(chart, Charts.WIDTH, Charts.HEIGHT, dir.resolve(SVG_FILE));
        Charts.writePng(chart, Charts.WIDTH, Charts.HEIGHT, dir.resolve(PNG_FILE));
    }

    /**
     * Reads {@code compare.json}, rejecting another schema.
     *
     * @throws IOException with a one-line message naming the file and the fix
     */
    public static CompareResult read(final Path file) throws IOException {
        final CompareResult r;
        try {
            r = JSON.readValue(file.toFile(), CompareResult.class);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a comparison (" + e.getOriginalMessage() + "); rerun jitskit compare",
                e);
        }
        if (!CompareResult.SCHEMA.equals(r.schema())) {
            throw new IOException(file + ": field schema: '" + r.schema() + "' is not '" + CompareResult.SCHEMA
                + "'; rerun jitskit compare with this version");
        }
        return r;
    }

    /** The bar chart of a comparison: one slot per row of the final table, in its order. */
    public static BarChart barChart(final CompareResult r) {
        final List<BarChart.Bar> bars = new ArrayList<>();
        for (final StoreAggregate s : r.stores()) {
            if (!s.ok()) {
                bars.add(BarChart.Bar.missing(s.label(), s.status()));
                continue;
            }
            final String note = s.runsOk() + (s.runsOk() == 1 ? " run" : " runs")
                + (s.ci95LowMops() == null ? "" : String.format(java.util.Locale.ROOT, ", 95%% interval %.3f..%.3f",
                    s.ci95LowMops(), s.ci95HighMops()))
                + ", durability " + s.durability()
                + (s.configurations() > 1 ? ", best of " + s.configurations() + " configurations" : "");
            bars.add(new BarChart.Bar(s.label(), s.medianMops(), s.minMops(), s.maxMops(),
                s.outOfProcess() ? BarChart.Kind.OUT_OF_PROCESS : BarChart.Kind.IN_PROCESS, note));
        }
        return new BarChart(r.spec() + ": throughput by store", "throughput (Mops/s)", bars);
    }
}
