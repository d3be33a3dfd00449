package io.jitskit.cli;

import io.jitskit.report.html.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jitskit report}: the self-contained HTML report of a comparison or synthesis run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write DIR/report.html for a comparison directory (holding compare.json, from jitskit compare) "
        + "or a synthesis run directory (holding trajectory.json), and print its path.",
        "The page is self-contained: inline CSS and SVG charts, no scripts, no network."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A comparison or synthesis run directory.")
    Path dir;

    @Override
    public Integer call() {
        try {
            System.out.println(ReportWriter.write(dir));
            return 0;
        } catch (final IOException e) {
            System.err.println("jitskit report: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
    }
}
