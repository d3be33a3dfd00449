package io.jitskit.agents.cli;

import io.jitskit.agents.AgentRole;
import io.jitskit.agents.CostLedger;
import io.jitskit.agents.conversation.Transcript;
import io.jitskit.synth.loop.AgentBlueprint;
import io.jitskit.agents.roles.Seeding;
import io.jitskit.agents.workspace.SourceCompiler;
import io.jitskit.agents.workspace.Workspace;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecWriter;
import io.jitskit.synth.engine.CompiledStore;
import io.jitskit.synth.loop.Candidate;
import io.jitskit.synth.loop.Coder;
import io.jitskit.synth.loop.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The coder as an installed coding agent. Each iteration it seeds {@code it-NNN/workspace} (the engine's source, or
 * the best store so far), writes {@code TASK.md} there with the plan, the cards, the brief and the SPI, runs the agent
 * with the workspace as its working directory, books the cost it reports, and compiles what it left. The provider
 * class is read from {@code PROVIDER} in the workspace if the agent wrote one, else found in the sources.
 */
public final class CliCoder implements Coder {

    static final String TASK = "TASK.md";
    static final String PROVIDER = "PROVIDER";
    static final String PROMPT = "Read TASK.md in the current directory and do what it says. Work only inside this "
        + "directory.";

    private final CliAgent agent;
    private final CostLedger ledger;
    private final Spec spec;
    private final String spi;
    private final Transcript transcript;

    /** @param spi what the agent must know of the store SPI and the gate, appended to every task */
    public CliCoder(final CliAgent agent, final CostLedger ledger, final Spec spec, final String spi,
                    final Transcript transcript) {
        this.agent = agent;
        this.ledger = ledger;
        this.spec = spec;
        this.spi = spi;
        this.transcript = transcript;
    }

    @Override
    public Candidate code(final int iteration, final Plan plan, final Path dir) throws IOException {
        final Workspace workspace = new Workspace(dir.resolve("workspace"));
        final String seeded = Seeding.seed(workspace, plan, spec, dir.getParent());
        if (seeded != null) {
            workspace.write(PROVIDER, seeded + "\n");
        }
        workspace.write(TASK, task(iteration, plan, seeded));
        transcript.note("iteration " + iteration + ": running the agent in " + workspace.root());
        final CliAgent.Result result;
        try {
            result = agent.run(PROMPT, workspace.root());
        } catch (final IOException e) {
            transcript.note("coder: " + e.getMessage());
            throw new IOException("coder: " + e.getMessage());
        }
        ledger.chargeUsd(AgentRole.CODER, result.costUsd(), result.usage());
        transcript.note(String.format(Locale.ROOT, "agent finished in %d turns, $%.4f: %s", result.turns(),
            result.costUsd(), result.text()));
        final Map<String, String> sources = workspace.javaSources();
        final Path named = workspace.root().resolve(PROVIDER);
        final String provider = Files.isRegularFile(named) ? Files.readString(named).strip()
            : Seeding.providerOf(sources);
        final String storeName = String.format(Locale.ROOT, "agent-%s-it%03d", spec.name(), iteration);
        final CompiledStore compiled = provider == null
            ? new CompiledStore(false, null, "n/a", storeName, java.util.List.of("the agent left no StoreProvider "
                + "implementation under src/ and no " + PROVIDER + " file"), 0)
            : SourceCompiler.compile(storeName, provider, sources, plan.blueprint().describe(), dir);
        return new Candidate(iteration, plan, dir, compiled);
    }

    private String task(final int iteration, final Plan plan, final String seeded) {
        return "# Iteration " + iteration + ": build this key-value store design\n\n" + plan.blueprint().describe()
            + "\n\n" + (plan.blueprint() instanceof AgentBlueprint a ? a.text() + "\n\n" : "")
            + "Why: " + plan.rationale() + "\n\n"
            + (seeded == null ? "The src/ directory is empty: write the store from scratch.\n"
                : "src/ holds a store to start from; its provider class is " + seeded + ".\n")
            + "\nWrite Java sources under src/ by package. Write the fully qualified name of your StoreProvider "
            + "class into the file " + PROVIDER + ". The loop compiles src/ with javac --release 25 -Xlint:all "
            + "-Werror against the SPI below, then runs the correctness gate and a benchmark.\n\n"
            + "## Spec cards\n\n```yaml\n" + SpecWriter.toYaml(spec) + "```\n\n" + spi;
    }
}
