package io.jitskit.cli;

import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecException;
import io.jitskit.spec.SpecParser;
import io.jitskit.spec.SpecWriter;
import io.jitskit.spec.YcsbWorkloadImport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jitskit spec}: validate, show and import spec cards.
 *
 * <p>Every problem with a card is one line on stderr, {@code file:line: field: problem; fix}, as
 * {@link SpecException} words it. Exit codes follow {@link Jitskit}: 1 when a card is invalid, 2 when a named file
 * does not exist (it is the command line that is wrong, not a card).
 */
@Command(name = "spec", mixinStandardHelpOptions = true,
    description = "Validate, show and import spec cards (grammar: io.jitskit.spec.SpecGrammar).",
    subcommands = {SpecCommand.Validate.class, SpecCommand.Show.class, SpecCommand.ImportYcsb.class})
final class SpecCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getErr().println("jitskit spec: give a subcommand: validate, show or import-ycsb");
        command.commandLine().usage(command.commandLine().getErr());
        return Jitskit.EXIT_USAGE;
    }

    /** Reports a missing file the way every subcommand does; returns whether the file exists. */
    private static boolean exists(final Path file, final String subcommand, final PrintWriter err) {
        if (Files.exists(file)) {
            return true;
        }
        err.println("jitskit spec " + subcommand + ": " + file + ": no such file; check the path");
        return false;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Parse and validate spec files: 'ok FILE (NAME)' per valid file on stdout, one error line "
            + "per invalid file on stderr.")
    static final class Validate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec command;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "spec files (YAML)")
        List<Path> files;

        @Override
        public Integer call() {
            final PrintWriter out = command.commandLine().getOut();
            final PrintWriter err = command.commandLine().getErr();
            int exit = 0;
            for (final Path file : files) {
                if (!exists(file, "validate", err)) {
                    exit = Math.max(exit, Jitskit.EXIT_USAGE);
                    continue;
                }
                try {
                    final Spec spec = SpecParser.parse(file);
                    out.println("ok " + file + " (" + spec.name() + ")");
                } catch (final SpecException e) {
                    err.println(e.getMessage());
                    exit = Math.max(exit, Jitskit.EXIT_FAILED);
                }
            }
            out.flush();
            err.flush();
            return exit;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a spec file normalized: every default filled in, references expanded.")
    static final class Show implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec command;

        @Parameters(index = "0", paramLabel = "FILE", description = "a spec file (YAML)")
        Path file;

        @Override
        public Integer call() {
            final PrintWriter err = command.commandLine().getErr();
            if (!exists(file, "show", err)) {
                return Jitskit.EXIT_USAGE;
            }
            try {
                final PrintWriter out = command.commandLine().getOut();
                out.print(SpecWriter.toYaml(SpecParser.parse(file)));
                out.flush();
                return 0;
            } catch (final SpecException e) {
                err.println(e.getMessage());
                return Jitskit.EXIT_FAILED;
            }
        }
    }

    @Command(name = "import-ycsb", mixinStandardHelpOptions = true,
        description = "Print a spec whose workload card is imported from a YCSB workload property file "
            + "(workloada style), with a default environment (4GiB, 2 threads or the file's threadcount, "
            + "/tmp/jitskit/NAME) and requirements (read plus the mix's operations, durability none). A property "
            + "that changes nothing a store sees is named in a 'note:' line on stderr and ignored, as YCSB ignores "
            + "what a binding does not use; one that changes the workload in a way a card cannot say (scans) is "
            + "refused in one line.")
    static final class ImportYcsb implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec command;

        @Parameters(index = "0", paramLabel = "FILE", description = "a YCSB workload property file")
        Path file;

        @Option(names = "--name", paramLabel = "NAME",
            description = "the spec's id (default: ycsb-<file name>)")
        String name;

        @Override
        public Integer call() {
            final PrintWriter err = command.commandLine().getErr();
            if (!exists(file, "import-ycsb", err)) {
                return Jitskit.EXIT_USAGE;
            }
            try {
                final YcsbWorkloadImport.Imported imported = YcsbWorkloadImport.importWithNotes(file, name);
                final Spec spec = imported.spec();
                imported.notes().forEach(n -> err.println("jitskit spec import-ycsb: note: " + n));
                err.flush();
                final PrintWriter out = command.commandLine().getOut();
                out.println("# " + spec.name() + ": imported from the YCSB workload " + file
                    + " by 'jitskit spec import-ycsb'.");
                out.print(SpecWriter.toYaml(spec));
                out.flush();
                return 0;
            } catch (final SpecException e) {
                err.println(e.getMessage());
                return Jitskit.EXIT_FAILED;
            }
        }
    }
}
