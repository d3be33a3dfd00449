package io.jitskit.cli;

import io.jitskit.synth.loop.EvaluationTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jitskit evaluate DIR}: one candidate's evaluation (calibration, gate, benchmark) from the task the synthesis
 * loop wrote into its directory, as a {@code local:N} slot or a Slurm job runs it; hidden, for re-running one by hand.
 */
@Command(name = "evaluate", hidden = true, mixinStandardHelpOptions = true,
    description = "Run the evaluation task in a candidate's directory (as synthesize --executor runs it).")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A candidate's directory (it-NNN) holding "
        + EvaluationTask.TASK_FILE + ".")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve(EvaluationTask.TASK_FILE))) {
            System.err.println("jitskit evaluate: " + dir.resolve(EvaluationTask.TASK_FILE) + " not found; give an "
                + "it-NNN directory of a run started with synthesize --executor local:N or slurm");
            return Jitskit.EXIT_USAGE;
        }
        return EvaluationTask.run(dir.toAbsolutePath());
    }
}
