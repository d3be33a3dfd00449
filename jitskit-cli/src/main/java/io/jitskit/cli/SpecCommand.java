package io.jitskit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jitskit spec}: validate and show spec cards. */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Validate and show spec cards.",
    subcommands = {})
final class SpecCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("jitskit spec: give a subcommand (validate, show); see 'jitskit spec --help'");
        return Jitskit.EXIT_USAGE;
    }
}
