package io.jitskit.cli;

import io.jitskit.harness.driver.WorkloadPlan;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jitskit} command line.
 *
 * <p>Exit codes: 0 success; 1 the subject failed (a spec invalid, a store rejected by the gate, a run over budget);
 * 2 bad usage or bad input (unknown option, unreadable file, unknown store); 3 an internal error.
 */
@Command(
    name = "jitskit",
    mixinStandardHelpOptions = true,
    version = "jitskit 0.1.0",
    description = "Just-in-time synthesis of key-value stores specialized to spec cards.",
    subcommands = {
        SpecCommand.class,
        StoresCommand.class,
        BenchCommand.class,
        SoakCommand.class,
        CheckCommand.class,
        SynthesizeCommand.class,
        CompareCommand.class,
        FloorCommand.class,
        ReportCommand.class,
        ServeCommand.class,
        EvaluateCommand.class,
        CommandLine.HelpCommand.class
    },
    exitCodeOnInvalidInput = Jitskit.EXIT_USAGE,
    exitCodeOnExecutionException = Jitskit.EXIT_INTERNAL,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:the subject failed (invalid spec, store rejected, run over budget)",
        "2:bad usage or input (unknown option, unreadable file, unknown store)",
        "3:internal error"
    })
public final class Jitskit implements Runnable {

    /** Exit code: the subject of the command failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad usage or bad input. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: internal error. */
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; used by tests. */
    public static int run(final String... args) {
        final CommandLine cl = new CommandLine(new Jitskit());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("jitskit: internal error: " + ex);
            if (Boolean.getBoolean("jitskit.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return EXIT_INTERNAL;
        });
        return cl.execute(args);
    }

    /**
     * Parses a command's spec card; on a bad card prints its one-line error (file, line, field, fix) prefixed by the
     * command, and returns null so the command can exit with {@link #EXIT_USAGE}. A trace card is checked against its
     * trace, and without a key count gets the trace's distinct keys as the count ({@link WorkloadPlan#resolveTrace}).
     */
    static Spec specOrReport(final String command, final Path file) {
        try {
            return WorkloadPlan.resolveTrace(SpecParser.parse(file));
        } catch (final SpecException e) {
            System.err.println("jitskit " + command + ": " + e.getMessage());
            return null;
        } catch (final IOException e) {
            System.err.println("jitskit " + command + ": " + file + ": workload.trace: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
