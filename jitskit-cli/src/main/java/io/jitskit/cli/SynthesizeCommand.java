package io.jitskit.cli;

import io.jitskit.agents.AgentFailure;
import io.jitskit.agents.AgentOptions;
import io.jitskit.agents.AgentRole;
import io.jitskit.agents.AgentSetupException;
import io.jitskit.agents.Agents;
import io.jitskit.agents.config.AgentConfig;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.gate.GateLevel;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.report.compare.CompareIo;
import io.jitskit.report.compare.CompareRequest;
import io.jitskit.report.compare.CompareResult;
import io.jitskit.report.compare.CompareTable;
import io.jitskit.report.compare.Comparison;
import io.jitskit.report.compare.StoreVariant;
import io.jitskit.report.html.ReportWriter;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.DesignException;
import io.jitskit.synth.loop.CostMeter;
import io.jitskit.synth.loop.Critique;
import io.jitskit.synth.loop.Executor;
import io.jitskit.synth.loop.Engines;
import io.jitskit.synth.loop.HarnessEvaluator;
import io.jitskit.synth.loop.LoopListener;
import io.jitskit.synth.loop.OfflineAuditor;
import io.jitskit.synth.loop.OfflineCoder;
import io.jitskit.synth.loop.OfflineCritic;
import io.jitskit.synth.loop.OfflinePlanner;
import io.jitskit.synth.loop.Plan;
import io.jitskit.synth.loop.SynthesisLoop;
import io.jitskit.synth.loop.SynthesisOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jitskit synthesize}: from three cards to the fastest store that passes the gate. */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
    description = {"Synthesize a store for a spec: design, compile, gate, benchmark, reflect, repeat; then compare",
        "the winner with the peers and write report.html. Offline: the built-in engine plays every role.",
        "An existing --out directory is resumed. With --agent, a model plays the roles (see the README's",
        "\"Running with a real model\")."})
final class SynthesizeCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec card file.")
    Path specFile;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "8",
        description = "Most design iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/synth-<spec>-<time>).")
    Path out;

    @Option(names = "--time-budget", paramLabel = "MINUTES", defaultValue = "8",
        description = "Start no iteration after this many minutes (default: ${DEFAULT-VALUE}); the final comparison "
            + "still runs.")
    double timeBudgetMinutes;

    @Option(names = "--bench-seconds", paramLabel = "S", defaultValue = "5",
        description = "Run-phase length of each iteration's benchmark (default: ${DEFAULT-VALUE}).")
    double benchSeconds;

    @Option(names = "--audit-every", paramLabel = "K", defaultValue = "3",
        description = "The auditor examines new best designs every K iterations (default: ${DEFAULT-VALUE}).")
    int auditEvery;

    @Option(names = "--peers", paramLabel = "A,B",
        description = "Stores to compare the winner with, as 'jitskit compare --stores' names them (NAME@none, "
            + "NAME[knob=value], 'peers' for every peer) (default: the Java peers that can serve the spec).")
    String peers;

    @Option(names = "--peer-runs", paramLabel = "N", defaultValue = "1",
        description = "Runs per store in the final comparison (default: ${DEFAULT-VALUE}).")
    int peerRuns;

    @Option(names = "--compare-seconds", paramLabel = "S", defaultValue = "10",
        description = "Run-phase length in the final comparison (default: ${DEFAULT-VALUE}; 0 = the spec's).")
    double compareSeconds;

    @Option(names = "--no-compare", description = "Skip the final comparison with the peers.")
    boolean noCompare;

    @Option(names = "--agent", paramLabel = "KIND",
        description = "Let a model play the roles: anthropic, openai (also vLLM, Ollama, llama.cpp) or cli (a "
            + "coding agent such as Claude Code as the coder). Default: the offline engine plays every role.")
    String agent;

    @Option(names = "--agent-model", paramLabel = "NAME", description = "The model (default: the config file's, "
        + "else claude-sonnet-4-5 or gpt-4o).")
    String agentModel;

    @Option(names = "--agent-roles", paramLabel = "R,R", split = ",",
        description = "Roles the agent plays: planner, coder, critic, auditor (default: all; cli: coder); the "
            + "offline engine plays the rest.")
    List<String> agentRoles;

    @Option(names = "--agent-command", paramLabel = "TEMPLATE",
        description = "For --agent cli: the command, {prompt} marking the prompt (default: claude -p --output-format "
            + "json --permission-mode acceptEdits {prompt}).")
    String agentCommand;

    @Option(names = "--agent-config", paramLabel = "FILE",
        description = "Keys, base URLs, models and prices (default: ~/.config/jitskit/agents.properties); the "
            + "environment's ANTHROPIC_API_KEY, OPENAI_API_KEY, OPENAI_BASE_URL win over it.")
    Path agentConfig;

    @Option(names = "--budget-usd", paramLabel = "USD", defaultValue = "0",
        description = "Stop the run cleanly, keeping the best store, once the models cost this much (default: no "
            + "limit).")
    double budgetUsd;

    @Option(names = "--agent-turns", paramLabel = "N", defaultValue = "30",
        description = "Most model replies per coder iteration (default: ${DEFAULT-VALUE}).")
    int agentTurns;

    @Option(names = "--executor", paramLabel = "local|local:N|slurm[:PARTITION]", defaultValue = "local",
        description = "Where candidates are evaluated (gate and benchmark; compiling stays here): here one at a time "
            + "(local, the default); N at once here, each slot pinned to cores of its own (local:N); or as exclusive "
            + "jobs on a Slurm cluster, one candidate per node (slurm, slurm:PARTITION; --out, the card and this JDK "
            + "on a file system the nodes share). The loop proposes as many designs per round as run at once.")
    String executor;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "4",
        description = "With --executor slurm: most evaluation jobs at once, and designs per round (default: "
            + "${DEFAULT-VALUE}).")
    int parallel;

    @Override
    public Integer call() throws Exception {
        final Spec spec = Jitskit.specOrReport("synthesize", specFile);
        if (spec == null) {
            return Jitskit.EXIT_USAGE;
        }
        final AgentOptions agentOptions;
        try {
            agentOptions = agent == null ? null : agentOptions();
        } catch (final AgentSetupException | IllegalArgumentException e) {
            System.err.println("jitskit synthesize: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        final boolean modelDesigns = agentOptions != null
            && agentOptions.roles().containsAll(EnumSet.of(AgentRole.PLANNER, AgentRole.CODER));
        try {
            Engines.initial(spec);
        } catch (final DesignException e) {
            if (!modelDesigns) {
                System.err.println("jitskit synthesize: no engine can serve " + specFile + ": " + e.getMessage());
                return Jitskit.EXIT_FAILED;
            }
        }
        final List<StoreVariant> peerVariants;
        try {
            // Checked before the loop starts: a misspelt peer must not surface only after minutes of synthesis.
            peerVariants = peers == null ? SynthesisOptions.JAVA_PEERS.stream().map(StoreVariant::of).toList()
                : CompareCommand.expandPeers(StoreVariant.parseList(peers));
            for (final StoreVariant v : peerVariants) {
                StoreFactory.find(v.store());
            }
        } catch (final IllegalArgumentException e) {
            System.err.println("jitskit synthesize: --peers " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        } catch (final StoreLoadException e) {
            System.err.println("jitskit synthesize: --peers: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        final Path dir = out != null ? out : Path.of("runs", "synth-" + spec.name() + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final SynthesisOptions options = new SynthesisOptions(specFile, dir, iterations,
            Duration.ofMillis((long) (timeBudgetMinutes * 60_000)), Duration.ofMillis((long) (benchSeconds * 1000)),
            auditEvery, peerVariants.stream().map(StoreVariant::label).toList(), peerRuns);
        final HarnessEvaluator evaluator = new HarnessEvaluator(spec, specFile, options.iterationBench(),
            GateLevel.QUICK, ProgressListener.NONE);
        if (agentOptions != null && !executor.equals("local")) {
            System.err.println("jitskit synthesize: --executor " + executor + " with --agent: a model's gate probes "
                + "live in this JVM and cannot travel with an evaluation; use --executor local with --agent");
            return Jitskit.EXIT_USAGE;
        }
        final Executor evaluations;
        try {
            evaluations = Executor.of(executor, evaluator, parallel);
        } catch (final IllegalArgumentException e) {
            System.err.println("jitskit synthesize: " + e.getMessage());
            return Jitskit.EXIT_USAGE;
        }
        try (evaluations) {
            return synthesize(spec, dir, options, evaluator, evaluations, agentOptions, peerVariants);
        }
    }

    private int synthesize(final Spec spec, final Path dir, final SynthesisOptions options,
                           final HarnessEvaluator evaluator, final Executor evaluations,
                           final AgentOptions agentOptions, final List<StoreVariant> peerVariants) throws Exception {
        final SynthesisLoop loop;
        if (agentOptions == null) {
            loop = new SynthesisLoop(spec, options, new OfflinePlanner(Engines::initial), new OfflineCoder(spec),
                evaluator, new OfflineCritic(), new OfflineAuditor(evaluator), new Terminal(iterations),
                CostMeter.FREE, evaluations);
            if (evaluations.slots() > 1) {
                System.err.println("jitskit synthesize: " + evaluations.slots() + " evaluations at once ("
                    + evaluations.describe() + ")");
            }
        } else {
            final Agents.Roles roles;
            try {
                roles = Agents.build(agentOptions, System.getenv(), spec, options, evaluator);
            } catch (final AgentSetupException e) {
                System.err.println("jitskit synthesize: " + e.getMessage());
                return Jitskit.EXIT_USAGE;
            }
            System.err.println("jitskit synthesize: " + roles.describe());
            loop = roles.loop(spec, options, evaluator, new Terminal(iterations));
        }
        System.err.println("jitskit synthesize: " + spec.name() + " -> " + dir);
        final Trajectory trajectory;
        try {
            trajectory = loop.run();
        } catch (final AgentFailure | IOException e) {
            if (agentOptions == null) {
                throw e;
            }
            System.err.println("jitskit synthesize: " + e.getMessage() + "; every finished iteration is kept in "
                + dir);
            if (Files.exists(dir.resolve(TrajectoryIo.FILE_NAME))) {
                ReportWriter.writeSynthesis(dir);
            }
            return Jitskit.EXIT_FAILED;
        }
        if (trajectory.best() == null) {
            System.err.println("jitskit synthesize: no candidate passed the gate in " + trajectory.iterations().size()
                + " iterations; see " + dir.resolve("whiteboard.md"));
            ReportWriter.writeSynthesis(dir);
            return Jitskit.EXIT_FAILED;
        }
        final Path bestGate = dir.resolve(String.format(Locale.ROOT, "it-%03d", trajectory.best().iteration()))
            .resolve("gate").resolve(ReportWriter.GATE_REPORT);
        if (Files.exists(bestGate)) {
            Files.copy(bestGate, dir.resolve(ReportWriter.GATE_REPORT), StandardCopyOption.REPLACE_EXISTING);
        }
        final io.jitskit.harness.stats.Spread runs = loop.state().bestSpread();
        final String measured = runs == null || !runs.hasInterval() ? ""
            : String.format(Locale.ROOT, " (median of %d runs, %.3f..%.3f; 95%% interval %.3f..%.3f)", runs.runs(),
                runs.min(), runs.max(), runs.low(), runs.high());
        System.out.printf(Locale.ROOT, "best: iteration %d, %.3f Mops/s%s: %s%n  store jar: %s%n",
            trajectory.best().iteration(), trajectory.best().mops(), measured, trajectory.best().design(),
            dir.resolve(trajectory.best().jar()));
        if (!noCompare) {
            compare(spec, dir, peerVariants);
        }
        System.out.println("report: " + ReportWriter.writeSynthesis(dir));
        return 0;
    }

    private AgentOptions agentOptions() throws AgentSetupException {
        final AgentOptions d = AgentOptions.defaults(AgentOptions.Backend.of(agent));
        Set<AgentRole> roles = null;
        if (agentRoles != null) {
            roles = EnumSet.noneOf(AgentRole.class);
            for (final String r : agentRoles) {
                roles.add(AgentRole.of(r));
            }
        }
        return new AgentOptions(d.backend(), agentModel, agentCommand, roles, budgetUsd,
            agentConfig != null ? agentConfig : AgentConfig.defaultFile(), agentTurns, d.contextTokens(), d.stream(),
            d.toolGate(), d.toolBench(), d.retries(), d.agentTimeout());
    }

    private void compare(final Spec spec, final Path dir, final List<StoreVariant> peerVariants) throws Exception {
        final List<StoreVariant> stores = new ArrayList<>();
        stores.add(StoreVariant.of(dir.resolve("best").resolve("store.jar").toAbsolutePath().toString()));
        for (final StoreVariant peer : peerVariants) {
            if (peer.durability() != null) {
                // Asked for by label (chm@none): it runs on its copy of the card, and its row says so.
                stores.add(peer);
                continue;
            }
            final String reason = unsupported(peer.store(), spec, dir);
            final Spec volatileCard = spec.withRequirements(spec.requirements().withDurability(Durability.none()));
            if (reason == null) {
                stores.add(peer);
            } else if (spec.requirements().durability().isDurable()
                && unsupported(peer.store(), volatileCard, dir) == null) {
                // A peer users would pick for speed alone (a heap map): shown, labelled, at the guarantee it gives.
                final StoreVariant weaker = peer.withDurability(Durability.Level.NONE);
                stores.add(weaker);
                System.err.println("  " + peer.label() + " runs as " + weaker.label() + " (durability none, weaker "
                    + "than the card's " + spec.requirements().durability().level().name().toLowerCase(Locale.ROOT)
                    + "): " + reason);
            } else {
                System.err.println("  " + peer.label() + " skipped: " + reason);
            }
        }
        final Duration d = compareSeconds > 0 ? Duration.ofMillis((long) (compareSeconds * 1000)) : null;
        final CompareResult result = Comparison.run(new CompareRequest(specFile, stores, peerRuns, 0, d, false,
            dir.resolve("compare"), List.of(), null), spec, new CompareCommand.TerminalListener());
        System.out.print(CompareTable.render(result));
        System.out.println("comparison in " + dir.resolve("compare").resolve(CompareIo.JSON_FILE));
    }

    private static String unsupported(final String peer, final Spec spec, final Path dir) {
        try {
            final StoreProvider p = StoreFactory.find(peer);
            return p.unsupportedReason(new StoreContext(spec, dir.resolve("peer-probe")));
        } catch (final StoreLoadException e) {
            return e.getMessage();
        }
    }

    /** One line per iteration on stderr. */
    private static final class Terminal implements LoopListener {

        private final int iterations;

        Terminal(final int iterations) {
            this.iterations = iterations;
        }

        @Override
        public void planned(final int iteration, final Plan plan) {
            System.err.printf(Locale.ROOT, "[%d/%d] %s%n        %s%n", iteration, iterations,
                plan.blueprint().describe(), plan.rationale());
        }

        @Override
        public void phase(final int iteration, final String phase) {
            // One line per iteration is enough on a terminal; phases show in the run directory.
        }

        @Override
        public void attempted(final Attempt a, final Critique c) {
            System.err.printf(Locale.ROOT, "        %s%s in %.0f s: %s%n", a.outcome().wire(),
                a.mops() == null ? "" : String.format(Locale.ROOT, ", %.3f Mops/s", a.mops()), a.elapsedSeconds(),
                a.reason());
        }

        @Override
        public void note(final String message) {
            System.err.println("  " + message);
        }
    }
}
