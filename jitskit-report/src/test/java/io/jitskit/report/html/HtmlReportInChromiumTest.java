package io.jitskit.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jitskit.api.StoreFactory;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.InProcessBench;
import io.jitskit.harness.driver.DriverOptions;
import io.jitskit.report.Fixtures;
import io.jitskit.report.Pictures;
import io.jitskit.report.compare.CompareListener;
import io.jitskit.report.compare.CompareRequest;
import io.jitskit.report.compare.CompareResult;
import io.jitskit.report.compare.Comparison;
import io.jitskit.report.compare.RunExecutor;
import io.jitskit.report.compare.StoreAggregate;
import io.jitskit.report.compare.StoreVariant;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a synthesis report in headless Chromium and checks what a browser really builds from it: the charts are in
 * the DOM with their data marks, and the page renders to a picture that is not blank. The comparison inside comes
 * from real in-process runs of the reference, chm and noop stores on a tiny spec.
 *
 * <p>Chromium is installed by {@code bin/ensure-chromium.sh} when missing; if that fails (no network, not root) the
 * test fails with the script's reason: it never passes without a browser.
 */
class HtmlReportInChromiumTest {

    private static final Pattern CLASS = Pattern.compile("<(\\w+)\\b[^>]*\\bclass=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void chromiumRendersTheChartsWithEveryDataMark() throws Exception {
        final Path run = dir.resolve("synth-run");
        final Path specFile = Fixtures.tinySpec(run, "tiny");
        final Spec spec = SpecParser.parse(specFile);
        final CompareResult compare = Comparison.run(new CompareRequest(specFile,
            StoreVariant.parseList("reference,chm,noop"), 1, 2, Duration.ofMillis(500), false, run.resolve("compare"),
            List.of(), 99L), spec, inProcess(spec, specFile, dir.resolve("data")), CompareListener.NONE);
        final long storesWithNumbers = compare.stores().stream().filter(StoreAggregate::ok).count();
        assertEquals(2, storesWithNumbers, "reference and chm pass, noop fails: " + compare.stores());
        TrajectoryIo.write(Fixtures.trajectory(specFile.toString()), run.resolve(TrajectoryIo.FILE_NAME));
        final Path report = ReportWriter.write(run);

        final Path chromium = ensureChromium();
        final String dom = chromium(chromium, "--dump-dom", report.toUri().toString());
        final List<String[]> marks = marks(dom);
        assertEquals(2, count(marks, "svg", "jitskit-chart"), "both charts are in the DOM");
        assertTrue(count(marks, "*", "point") >= 5, "one trajectory point per attempt: " + count(marks, "*", "point"));
        assertEquals(storesWithNumbers, count(marks, "rect", "bar"), "one bar per store with a number");
        assertEquals(1, count(marks, "text", "bar-missing"), "noop keeps its slot, marked failed");
        assertEquals(1, count(marks, "polyline", "best-so-far"));

        final Path screenshot = dir.resolve("report.png");
        chromium(chromium, "--screenshot=" + screenshot, "--window-size=1200,1600", report.toUri().toString());
        Pictures.assertNotBlank(screenshot, 0, 0);
    }

    /** Runs each store in this JVM: quick, and the child-JVM path has its own end-to-end test. */
    private static RunExecutor inProcess(final Spec spec, final Path specFile, final Path data) {
        return (variant, round, seed, progress) -> {
            final Path dataDir = data.resolve(variant.label() + "-" + round);
            Files.createDirectories(dataDir);
            final BenchResult r;
            try {
                r = InProcessBench.run(spec, specFile, StoreFactory.find(variant.store()),
                    DriverOptions.defaults(2, seed).withRunDuration(Duration.ofMillis(500)), dataDir, progress);
            } catch (final io.jitskit.api.StoreLoadException e) {
                throw new IOException(e);
            }
            return r;
        };
    }

    /** The repository root: the first ancestor of the working directory holding the jitskit launcher and pom.xml. */
    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jitskit")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("no directory above " + Path.of("").toAbsolutePath()
            + " holds the jitskit launcher and pom.xml; run the test from inside the repository");
    }

    private static Path ensureChromium() throws Exception {
        final Path script = repoRoot().resolve("bin/ensure-chromium.sh");
        final Process p = new ProcessBuilder(script.toString()).redirectErrorStream(false).start();
        final String err;
        final String out;
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(script + " did not finish in 10 minutes");
        }
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || out.isEmpty()) {
            fail("Chromium is needed to check the HTML report and could not be made available: " + script
                + " exited " + p.exitValue() + ": " + err);
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** Runs headless Chromium on a fresh profile with everything that would reach the network turned off. */
    private String chromium(final Path binary, final String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        cmd.addAll(List.of(args));
        final Path stderr = Files.createTempFile(dir, "chromium", ".err");
        final Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        final byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            fail("chromium exited " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + Files.readString(stderr));
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Every element of the dumped DOM that has a class attribute, as (tag, class) pairs. */
    private static List<String[]> marks(final String dom) {
        final List<String[]> out = new ArrayList<>();
        final Matcher m = CLASS.matcher(dom);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    private static long count(final List<String[]> marks, final String tag, final String cls) {
        return marks.stream().filter(e -> (tag.equals("*") || e[0].equals(tag))
            && List.of(e[1].split("\\s+")).contains(cls)).count();
    }
}
