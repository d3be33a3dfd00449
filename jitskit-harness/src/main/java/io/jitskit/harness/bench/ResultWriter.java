package io.jitskit.harness.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.harness.driver.LatencySummary;
import io.jitskit.harness.driver.PhaseResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes and reads benchmark results: JSON (versioned), a YCSB-style text summary, a per-second CSV. */
public final class ResultWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultWriter() {
    }

    public static void writeJson(final BenchResult result, final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), result);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a result, rejecting one of another schema. */
    public static BenchResult readJson(final Path file) throws IOException {
        final BenchResult r = JSON.readValue(file.toFile(), BenchResult.class);
        if (!BenchResult.SCHEMA.equals(r.schema())) {
            throw new IOException(file + ": schema " + r.schema() + " is not " + BenchResult.SCHEMA
                + "; rerun the benchmark with this version of jitskit");
        }
        return r;
    }

    public static String toJson(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The per-second series of the run phase as CSV: second, operations, Mops/s. */
    public static void writeCsv(final BenchResult result, final Path file) throws IOException {
        final StringBuilder sb = new StringBuilder("second,operations,mops\n");
        if (result.run() != null) {
            int s = 1;
            for (final long ops : result.run().perSecond()) {
                sb.append(s++).append(',').append(ops).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", ops / 1e6)).append('\n');
            }
        }
        Files.writeString(file, sb);
    }

    /** A YCSB-style summary: [SECTION], metric, value lines. */
    public static String summary(final BenchResult r) {
        final StringWriter w = new StringWriter();
        line(w, "OVERALL", "Spec", r.spec());
        line(w, "OVERALL", "Store", r.store().name() + " (durability " + r.store().durability() + ")");
        line(w, "OVERALL", "Threads", Integer.toString(r.threads()));
        line(w, "OVERALL", "Verdict", r.verdict() + (r.failure() == null ? "" : ": " + r.failure()));
        phase(w, r.load());
        phase(w, r.run());
        if (r.memory() != null && r.memory().peakChargedBytes() >= 0) {
            line(w, "MEMORY", "Budget(MiB)", mib(r.memory().budgetBytes()));
            line(w, "MEMORY", "PeakCharged(MiB)", mib(r.memory().peakChargedBytes()));
            line(w, "MEMORY", "PeakPageCache(MiB)", mib(r.memory().peakPageCacheBytes()));
        }
        for (final Map.Entry<String, Double> e : r.indicators().entrySet()) {
            line(w, "INDICATOR", e.getKey(), fmt(e.getValue()));
        }
        for (final Map.Entry<String, Double> e : r.storeMetrics().entrySet()) {
            line(w, "STORE", e.getKey(), fmt(e.getValue()));
        }
        return w.toString();
    }

    private static void phase(final StringWriter w, final PhaseResult p) {
        if (p == null) {
            return;
        }
        final String s = p.phase().toUpperCase(Locale.ROOT);
        line(w, s, "RunTime(ms)", Long.toString(p.elapsedNanos() / 1_000_000));
        line(w, s, "Operations", Long.toString(p.operations()));
        line(w, s, "Throughput(Mops/sec)", String.format(Locale.ROOT, "%.3f", p.mops()));
        line(w, s, "VerifiedReads", Long.toString(p.verifiedReads()));
        line(w, s, "ReadMisses", Long.toString(p.readMisses()));
        if (p.footprint() != null) {
            final PhaseResult.Footprint f = p.footprint();
            line(w, s, "DistinctKeys", Long.toString(f.distinctKeys()));
            if (f.expectedDistinctKeys() != null) {
                line(w, s, "ExpectedDistinctKeys(iid)", String.format(Locale.ROOT, "%.0f", f.expectedDistinctKeys()));
                line(w, s, "FootprintRatio", String.format(Locale.ROOT, "%.4f", f.ratio()));
            }
        }
        if (p.operations() > 0) {
            // Generating the next operations, per operation and thread: the harness's share of each op.
            line(w, s, "GenerationNsPerOp", String.format(Locale.ROOT, "%.1f",
                p.generationNanos() / (double) p.operations()));
        }
        for (final Map.Entry<String, LatencySummary> e : p.latency().entrySet()) {
            final String op = "[" + e.getKey().toUpperCase(Locale.ROOT) + "]";
            final LatencySummary l = e.getValue();
            w.append(op).append(", Operations, ").append(Long.toString(p.operationsByType().get(e.getKey())))
                .append('\n');
            w.append(op).append(", AverageLatency(us), ").append(us(l.mean())).append('\n');
            w.append(op).append(", 50thPercentileLatency(us), ").append(us(l.p50())).append('\n');
            w.append(op).append(", 99thPercentileLatency(us), ").append(us(l.p99())).append('\n');
            w.append(op).append(", 99.9thPercentileLatency(us), ").append(us(l.p999())).append('\n');
            w.append(op).append(", MaxLatency(us), ").append(us(l.max())).append('\n');
        }
    }

    private static void line(final StringWriter w, final String section, final String metric, final String value) {
        w.append('[').append(section).append("], ").append(metric).append(", ").append(value).append('\n');
    }

    private static String us(final double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000);
    }

    private static String mib(final long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
            : String.format(Locale.ROOT, "%.4f", v);
    }
}
