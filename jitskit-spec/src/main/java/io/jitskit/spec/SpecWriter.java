package io.jitskit.spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints a {@link Spec} as a normalized spec file: every field written, defaults filled in, one canonical form per
 * value, card references and YCSB imports expanded in place.
 *
 * <p>The output parses back to an equal spec ({@code SpecParser.parse(toYaml(s), s.source()).equals(s)}) when the
 * spec is valid. Two details make that exact rather than approximate: sizes, counts and durations are printed in the
 * largest unit that holds them exactly, and mix proportions are printed as percentages with the fewest decimals
 * that normalize back to the very same doubles (or, failing that, as exact fractions, which
 * {@link SpecGrammar#normalizedMix} makes read back exactly).
 */
public final class SpecWriter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./+@-]*");

    /** More decimals than a double carries: past this, rounding cannot help and the fallback is taken. */
    private static final int MAX_PERCENT_DECIMALS = 17;

    private SpecWriter() {
    }

    /**
     * Writes {@code spec} to {@code file} as {@link #toYaml} does, its trace path made relative to {@code file}'s own
     * directory: a card copied elsewhere (a run directory) still names the trace its original names.
     */
    public static void write(final Spec spec, final Path file) throws java.io.IOException {
        final Path target = file.toAbsolutePath();
        if (target.getParent() != null) {
            java.nio.file.Files.createDirectories(target.getParent());
        }
        java.nio.file.Files.writeString(target, toYaml(new Spec(spec.name(), target, spec.environment(),
            spec.workload(), spec.requirements())), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The normalized YAML of {@code spec}; trace paths are relative to {@link Spec#source()}'s directory. */
    public static String toYaml(final Spec spec) {
        final StringBuilder out = new StringBuilder(1024);
        out.append("name: ").append(scalar(spec.name())).append('\n');
        environment(out, spec.environment());
        workload(out, spec.workload(), spec.source());
        requirements(out, spec.requirements());
        return out.toString();
    }

    private static void environment(final StringBuilder out, final Environment env) {
        out.append("environment:\n");
        field(out, "memory-budget", Units.formatSize(env.memoryBudgetBytes()));
        field(out, "headroom", number(env.headroom()));
        field(out, "threads", Integer.toString(env.threads()));
        field(out, "storage", env.storageDir() == null ? "{medium: " + SpecGrammar.word(env.medium()) + "}"
            : "{dir: " + scalar(env.storageDir().toString()) + ", medium: " + SpecGrammar.word(env.medium()) + "}");
        field(out, "cpu-pinning", list(env.cpuPinning().stream().map(String::valueOf).toList()));
    }

    private static void workload(final StringBuilder out, final Workload w, final Path source) {
        out.append("workload:\n");
        final TraceSource trace = w.trace();
        if (trace != null) {
            field(out, "trace", "{file: " + scalar(relativeTo(source, trace.file()))
                + ", format: " + trace.format().cardName()
                + ", loop: " + trace.loop()
                + ", skip-malformed: " + trace.skipMalformed()
                + ", upsert-on-miss: " + trace.upsertOnMiss() + "}");
        }
        field(out, "keys", "{count: " + Units.formatCount(w.keyCount()) + ", format: " + keyFormat(w.keyFormat())
            + "}");
        field(out, "values", sizes(w.valueSizes()));
        field(out, "mix", mix(w.mix()));
        if (trace == null) {
            field(out, "distribution", distribution(w.distribution()));
            field(out, "temporal", temporal(w.temporal()));
        }
        field(out, "load", Boolean.toString(w.load()));
        field(out, "run", w.run().isTimed() ? "{duration: " + Units.formatDuration(w.run().duration()) + "}"
            : "{operations: " + Units.formatCount(w.run().operations()) + "}");
    }

    private static void requirements(final StringBuilder out, final Requirements req) {
        out.append("requirements:\n");
        field(out, "operations", words(req.operations()));
        field(out, "rmw", "{" + SpecGrammar.word(req.rmw().kind()) + ": {initial: "
            + Long.toString(req.rmw().initial()) + "}}");
        field(out, "consistency", SpecGrammar.word(req.consistency()));
        final Durability d = req.durability();
        field(out, "durability", durability(d));
        field(out, "objective", req.objective().p99Bound() == null ? "throughput"
            : "{throughput: {p99-under: " + Units.formatDuration(req.objective().p99Bound()) + "}}");
        field(out, "forbidden", words(req.forbidden()));
    }

    private static String durability(final Durability d) {
        if (d.level() == Durability.Level.COMMIT) {
            return "{commit: " + Units.formatDuration(d.groupCommitInterval()) + "}";
        }
        if (d.checkpointEvery() == null && d.maxWriterPause() == null) {
            return SpecGrammar.word(d.level());
        }
        final List<String> bounds = new ArrayList<>(2);
        if (d.checkpointEvery() != null) {
            bounds.add("every: " + Units.formatDuration(d.checkpointEvery()));
        }
        if (d.maxWriterPause() != null) {
            bounds.add("max-writer-pause: " + Units.formatDuration(d.maxWriterPause()));
        }
        return "{checkpoint: {" + String.join(", ", bounds) + "}}";
    }

    /* ---- values ---- */

    private static String keyFormat(final KeyFormat format) {
        return switch (format) {
            case KeyFormat.Id8 id8 -> "id8";
            case KeyFormat.Variable v -> "{variable: " + sizes(v.sizes()) + "}";
        };
    }

    private static String sizes(final SizeDistribution sizes) {
        return switch (sizes) {
            case SizeDistribution.Fixed f -> "{fixed: " + Units.formatSize(f.size()) + "}";
            case SizeDistribution.Uniform u ->
                "{uniform: [" + Units.formatSize(u.min()) + ", " + Units.formatSize(u.max()) + "]}";
            case SizeDistribution.Bimodal b -> "{bimodal: {small: " + Units.formatSize(b.small())
                + ", large: " + Units.formatSize(b.large()) + ", small-weight: " + number(b.smallWeight()) + "}}";
            case SizeDistribution.FromTrace t when t.observed().isEmpty() ->
                "{from-trace: [" + Units.formatSize(t.min()) + ", " + Units.formatSize(t.max()) + "]}";
            case SizeDistribution.FromTrace t -> "{from-trace: {bounds: [" + Units.formatSize(t.min()) + ", "
                + Units.formatSize(t.max()) + "], observed: " + t.observed() + "}}";
        };
    }

    private static String distribution(final KeyDistribution d) {
        return switch (d) {
            case KeyDistribution.Uniform u -> "uniform";
            case KeyDistribution.TimeOrder t -> "time-order";
            case KeyDistribution.Zipfian z -> "{zipfian: " + number(z.theta()) + "}";
            case KeyDistribution.ScrambledZipfian z -> "{scrambled-zipfian: " + number(z.theta()) + "}";
            case KeyDistribution.Latest l -> "{latest: " + number(l.theta()) + "}";
            case KeyDistribution.Hotspot h -> "{hotspot: {hot-set: " + number(h.hotSetFraction())
                + ", hot-ops: " + number(h.hotOpFraction()) + "}}";
        };
    }

    private static String temporal(final TemporalPattern t) {
        return switch (t) {
            case TemporalPattern.Steady s -> "steady";
            case TemporalPattern.Bursts b -> "{bursts: {burst: " + b.burstOps() + ", every: " + b.everyOps() + "}}";
        };
    }

    /**
     * The mix in percent, with the fewest decimals whose normalization gives back exactly {@code mix}: a card
     * written as {@code 47.5 / 47.5 / 5} prints as written, not as {@code 47.49999999999999}.
     */
    private static String mix(final OperationMix mix) {
        for (int decimals = 0; decimals <= MAX_PERCENT_DECIMALS; decimals++) {
            final Map<Operation, Double> weights = new EnumMap<>(Operation.class);
            final List<String> entries = new ArrayList<>();
            double sum = 0;
            for (final Map.Entry<Operation, Double> e : mix.proportions().entrySet()) {
                final String text = BigDecimal.valueOf(e.getValue() * 100)
                    .setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
                final double weight = Double.parseDouble(text);
                weights.put(e.getKey(), weight);
                entries.add(e.getKey().cardName() + ": " + text);
                sum += weight;
            }
            if (Math.abs(sum - 100) <= 1e-4 && !weights.containsValue(0.0)
                && SpecGrammar.normalizedMix(weights).equals(mix)) {
                return "{" + String.join(", ", entries) + "}";
            }
        }
        // The exact fractions: they read back bit-for-bit when the mix came from SpecGrammar.normalizedMix (as every
        // parsed mix does), since their sum is then exactly 1.
        final List<String> entries = new ArrayList<>();
        for (final Map.Entry<Operation, Double> e : mix.proportions().entrySet()) {
            entries.add(e.getKey().cardName() + ": " + number(e.getValue()));
        }
        return "{" + String.join(", ", entries) + "}";
    }

    /* ---- text ---- */

    private static void field(final StringBuilder out, final String name, final String value) {
        out.append("  ").append(name).append(": ").append(value).append('\n');
    }

    private static String number(final double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String words(final Collection<? extends Enum<?>> constants) {
        return list(constants.stream().sorted().map(e -> SpecGrammar.word(e)).toList());
    }

    private static String list(final List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    /** A YAML scalar: plain when YAML reads it back as the same text, double-quoted otherwise. */
    private static String scalar(final String text) {
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        final StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static String relativeTo(final Path source, final Path file) {
        if (source == null || !file.isAbsolute()) {
            return file.toString();
        }
        final Path dir = source.toAbsolutePath().getParent();
        try {
            return dir == null ? file.toString() : dir.relativize(file).toString();
        } catch (final IllegalArgumentException differentRoots) {
            return file.toString();
        }
    }
}
