package io.jitskit.gate.child;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.Probe;
import io.jitskit.gate.StoreLocator;
import io.jitskit.gate.StoreUnderTest;
import io.jitskit.gate.check.BudgetWorkload;
import io.jitskit.gate.check.BuiltInChecks;
import io.jitskit.gate.check.HorizonCheck;
import io.jitskit.gate.check.LogWrapWorkload;
import io.jitskit.gate.check.ReclamationWorkload;
import io.jitskit.gate.crash.CrashScenario;
import io.jitskit.gate.crash.CrashVerifier;
import io.jitskit.gate.crash.CrashWorkload;
import io.jitskit.gate.crash.CrashWriter;
import io.jitskit.gate.lossy.LossyFileSystem;
import io.jitskit.harness.driver.WorkloadPlan;
import io.jitskit.spec.SpecParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of every child JVM the gate starts: the store runs here, never in the gate's own process, so that a
 * store that exits, aborts, crashes the JVM or is killed takes only this process down.
 *
 * <pre>
 *   GateChild MODE name=value ...        standard input: the hidden seed, one line (then, for budget, "GO")
 *   modes: checks         run in-process checks by name; one JSON result per line in results=FILE
 *          crash-writer   {@link CrashWriter}
 *          crash-verifier {@link CrashVerifier}
 *          budget         {@link BudgetWorkload}
 *          wrap           {@link LogWrapWorkload}
 *          soak           {@link ReclamationWorkload}: data=DIR multiple=BUDGETS (then "GO" on standard input)
 *          horizon        {@link HorizonCheck}: card=FILE livedMs=N ops=N results=FILE
 *   always: store=NAME|JAR|CLASS spec=FILE level=ENCODED run=DIR
 * </pre>
 * Exit status 0 when the mode ran to its end (whatever it found), 2 when the store threw where it must not,
 * 3 when the gate itself is misused.
 */
public final class GateChild {

    /** Printed before each check of the {@code checks} mode starts. */
    public static final String BEGIN = "BEGIN";

    private static final PrintStream OUT = System.out;

    private GateChild() {
    }

    public static void main(final String[] args) {
        try {
            final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            final long seed = Long.parseLong(stdin.readLine().trim());
            final ChildArgs a = new ChildArgs(Arrays.asList(args).subList(1, args.length));
            final StoreUnderTest sut = new StoreUnderTest(a.get("store"), StoreLocator.locate(a.get("store")),
                SpecParser.parse(Path.of(a.get("spec"))), GateLevel.decode(a.get("level")), Path.of(a.get("run")),
                seed);
            switch (args[0]) {
                case "checks" -> checks(sut, List.of(a.get("checks").split(",")), Path.of(a.get("results")),
                    Boolean.parseBoolean(a.get("failFast", "false")));
                case "crash-writer", "crash-verifier" -> crash(args[0], sut, a);
                case "budget" -> BudgetWorkload.run(sut, Path.of(a.get("data")), stdin);
                case "wrap" -> LogWrapWorkload.run(sut, Path.of(a.get("data")));
                case "soak" -> ReclamationWorkload.run(sut, Path.of(a.get("data")),
                    Double.parseDouble(a.get("multiple")), stdin);
                case "horizon" -> {
                    final CheckResult result = BuiltInChecks.runGuarded(new HorizonCheck(
                        WorkloadPlan.resolveTrace(SpecParser.parse(Path.of(a.get("card")))),
                        new HorizonCheck.Horizon(Duration.ofMillis(a.getLong("livedMs")), a.getLong("ops")), false),
                        sut);
                    Files.writeString(Path.of(a.get("results")), new ObjectMapper().writeValueAsString(result),
                        StandardCharsets.UTF_8);
                }
                default -> throw new IllegalArgumentException("gate child: unknown mode " + args[0]);
            }
            OUT.flush();
            System.exit(0);
        } catch (final Throwable t) {
            OUT.println("ERROR " + t);
            OUT.flush();
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(2);
        }
    }

    private static void checks(final StoreUnderTest sut, final List<String> names, final Path results,
                               final boolean failFast) throws Exception {
        final ObjectMapper json = new ObjectMapper();
        for (final String name : names) {
            final Probe check = BuiltInChecks.inProcess(name);
            OUT.println(BEGIN + " " + name);
            OUT.flush();
            final CheckResult result = BuiltInChecks.runGuarded(check, sut);
            Files.writeString(results, json.writeValueAsString(result) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (failFast && result.verdict() == io.jitskit.gate.Verdict.FAIL) {
                return;
            }
        }
    }

    private static void crash(final String mode, final StoreUnderTest sut, final ChildArgs a) throws Exception {
        final CrashWorkload workload = new CrashWorkload(sut.workbench(), CrashScenario.valueOf(a.get("scenario")),
            a.getInt("sessions"), a.getInt("keys"));
        final Path data = Path.of(a.get("data"));
        if (mode.equals("crash-verifier")) {
            CrashVerifier.run(sut, workload, data);
            return;
        }
        final String journal = a.get("journal", "");
        final Path storeDir = journal.isEmpty() ? data
            : LossyFileSystem.open(Path.of(journal), Path.of(a.get("side"))).wrap(data);
        CrashWriter.run(sut, workload, storeDir, Path.of(a.get("scoreboard")), a.getLong("checkpointEveryMs"),
            CrashScenario.valueOf(a.get("scenario")).fuzzyCheckpoints());
    }
}
