package io.jitskit.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything one gate run found: the store passes only if no check fails and every applicable check decided.
 *
 * @param store         what named the store (name, jar or provider class)
 * @param spec          the spec's name
 * @param level         quick or full
 * @param seed          the hidden seed of the run (to rerun it: same seed, same reproducers)
 * @param startedAt     ISO-8601 instant
 * @param elapsedMillis wall time of the whole run
 * @param runDir        where reproducers, logs and this report live
 * @param checks        every check's result, in the order run
 */
public record GateReport(String store, String spec, String level, long seed, String startedAt, long elapsedMillis,
                         String runDir, List<CheckResult> checks) {

    public GateReport {
        checks = List.copyOf(checks);
    }

    /** Whether the store passed: no failure, nothing applicable left undecided. */
    public boolean passed() {
        return checks.stream().noneMatch(CheckResult::blocks);
    }

    /** The first failing check, or else the first applicable undecided one. */
    public Optional<CheckResult> firstFailure() {
        return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).findFirst()
            .or(() -> checks.stream().filter(CheckResult::blocks).findFirst());
    }

    /** The result of the check named {@code name}. */
    public Optional<CheckResult> check(final String name) {
        return checks.stream().filter(c -> c.check().equals(name)).findFirst();
    }

    /** A table for people: one row per check, then the verdict and the first failure's line. */
    public String toText() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "gate %s: store %s, spec %s, seed %d, %.1f s%n", level, store, spec,
            seed, elapsedMillis / 1e3));
        out.append(String.format(Locale.ROOT, "%-34s %-9s %9s  %s%n", "check", "verdict", "ms", "summary"));
        for (final CheckResult c : checks) {
            final String verdict = c.verdict() == Verdict.UNDECIDED && !c.applicable() ? "n/a"
                : c.verdict().name().toLowerCase(Locale.ROOT);
            out.append(String.format(Locale.ROOT, "%-34s %-9s %9d  %s%n", c.check(), verdict, c.elapsedMillis(),
                c.summary()));
        }
        out.append(passed() ? "PASSED\n" : "REJECTED: " + firstFailure().map(CheckResult::line).orElse("?") + "\n");
        return out.toString();
    }

    /** Writes {@code gate-report.json} and {@code gate-report.txt} in {@code dir}. */
    public void write(final Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("gate-report.json")
            .toFile(), this);
        Files.writeString(dir.resolve("gate-report.txt"), toText(), StandardCharsets.UTF_8);
    }

    /** Reads a report {@link #write} wrote. */
    public static GateReport read(final Path json) throws IOException {
        return new ObjectMapper().readValue(json.toFile(), GateReport.class);
    }
}
