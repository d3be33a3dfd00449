package io.jitskit.agents.workspace;

import io.jitskit.agents.conversation.ToolLoop;
import io.jitskit.agents.model.Part;
import io.jitskit.agents.model.Schemas;
import io.jitskit.agents.model.ToolSpec;
import io.jitskit.gate.CheckResult;
import io.jitskit.gate.GateLevel;
import io.jitskit.gate.GateOptions;
import io.jitskit.gate.GateReport;
import io.jitskit.gate.GateRunner;
import io.jitskit.gate.Probe;
import io.jitskit.harness.bench.BenchRequest;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.harness.fork.ForkedBench;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.CompiledStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The coder's tools for one iteration, confined to its {@link Workspace}: {@code list_files}, {@code read_file},
 * {@code write_file}, {@code edit_file}, {@code compile}, {@code run_gate}, {@code run_bench} and {@code done}.
 *
 * <p>Compile output and the tools' gate and benchmark runs go to the candidate's directory beside the workspace, never
 * into it, so the model cannot read a gate's reproducer seeds or plant files the harness reads. A tool that fails
 * returns its error to the model; nothing here throws for the model's mistakes.
 */
public final class CoderTools implements ToolLoop.Handler {

    /** The tools as the model sees them. */
    public static final List<ToolSpec> SPECS = List.of(
        new ToolSpec("list_files", "List the files in the workspace (or under a directory of it), with sizes.",
            Schemas.optional(Schemas.object(), "dir", "string", "a directory relative to the workspace; default: all")),
        new ToolSpec("read_file", "Read a text file of the workspace.",
            Schemas.property(Schemas.object(), "path", "string", "path relative to the workspace root")),
        new ToolSpec("write_file", "Create or overwrite a text file of the workspace. Java sources go under src/, "
            + "by package (src/io/jitskit/generated/.../X.java).",
            Schemas.property(Schemas.property(Schemas.object(), "path", "string", "path relative to the workspace"),
                "content", "string", "the whole new content")),
        new ToolSpec("edit_file", "Replace one exact, unique occurrence of old_string with new_string in a file.",
            Schemas.property(Schemas.property(Schemas.property(Schemas.object(), "path", "string",
                "path relative to the workspace"), "old_string", "string", "the exact text to replace"),
                "new_string", "string", "its replacement")),
        new ToolSpec("compile", "Compile every .java file under src/ with javac --release 25 -Xlint:all -Werror "
            + "against the store SPI only, and package the store jar. Returns the diagnostics.",
            Schemas.property(Schemas.object(), "provider_class", "string",
                "fully qualified name of your io.jitskit.api.StoreProvider implementation")),
        new ToolSpec("run_gate", "Compile, then run the quick correctness gate (retention, read-after-write, torn "
            + "reads, delete, crash recovery where the card asks for durability, memory budget, probes) and return "
            + "each check's line. Takes up to two minutes.", Schemas.object()),
        new ToolSpec("run_bench", "Run a short benchmark of the last compiled store in a child JVM held to the "
            + "card's memory budget and return the throughput and indicators.", Schemas.object()),
        new ToolSpec("done", "Finish this iteration: the loop compiles the workspace one last time and evaluates "
            + "it.", Schemas.property(Schemas.property(Schemas.object(), "summary", "string",
                "what you built or changed, in two sentences"), "provider_class", "string",
                "fully qualified name of your StoreProvider")));

    private final Workspace workspace;
    private final Spec spec;
    private final Path specFile;
    private final Path candidateDir;
    private final String storeName;
    private final String designLine;
    private final GateLevel gateLevel;
    private final Duration benchDuration;
    private final Supplier<List<Probe>> probes;
    private final SecureRandom seeds = new SecureRandom();
    private String providerClass;
    private CompiledStore compiled;
    private String summary = "";
    private boolean finished;
    private int escapes;
    private int runs;

    /**
     * @param providerClass the provider class the seeded sources define, or null when the workspace starts empty
     * @param probes        the probes the auditor added to this run's gate so far
     */
    public CoderTools(final Workspace workspace, final Spec spec, final Path specFile, final Path candidateDir,
                      final String storeName, final String designLine, final String providerClass,
                      final GateLevel gateLevel, final Duration benchDuration, final Supplier<List<Probe>> probes) {
        this.workspace = workspace;
        this.spec = spec;
        this.specFile = specFile;
        this.candidateDir = candidateDir;
        this.storeName = storeName;
        this.designLine = designLine;
        this.providerClass = providerClass;
        this.gateLevel = gateLevel;
        this.benchDuration = benchDuration;
        this.probes = probes;
    }

    @Override
    public Part.ToolResult handle(final Part.ToolCall call) {
        try {
            return new Part.ToolResult(call.id(), run(call), false);
        } catch (final OutsideWorkspaceException e) {
            escapes++;
            return new Part.ToolResult(call.id(), e.getMessage(), true);
        } catch (final IOException | RuntimeException e) {
            return new Part.ToolResult(call.id(), call.name() + " failed: " + e.getMessage(), true);
        } catch (final Exception e) {
            return new Part.ToolResult(call.id(), call.name() + " failed: " + e, true);
        }
    }

    private String run(final Part.ToolCall call) throws Exception {
        final var in = call.input();
        return switch (call.name()) {
            case "list_files" -> {
                final List<String> files = workspace.list(in.path("dir").asText(""));
                yield files.isEmpty() ? "(the workspace is empty)" : String.join("\n", files);
            }
            case "read_file" -> workspace.read(text(call, "path"));
            case "write_file" -> {
                final String content = text(call, "content");
                workspace.write(text(call, "path"), content);
                yield "wrote " + text(call, "path") + " (" + content.length() + " chars)";
            }
            case "edit_file" -> {
                workspace.edit(text(call, "path"), text(call, "old_string"), text(call, "new_string"));
                yield "edited " + text(call, "path");
            }
            case "compile" -> {
                providerClass = text(call, "provider_class");
                yield describe(compile());
            }
            case "run_gate" -> gate();
            case "run_bench" -> bench();
            case "done" -> {
                summary = text(call, "summary");
                if (in.hasNonNull("provider_class") && !in.path("provider_class").asText().isBlank()) {
                    providerClass = in.path("provider_class").asText();
                }
                finished = true;
                yield "done: the loop will compile and evaluate the workspace";
            }
            default -> throw new IOException("unknown tool '" + call.name() + "'; the tools are "
                + String.join(", ", SPECS.stream().map(ToolSpec::name).toList()));
        };
    }

    /** Compiles the workspace as it is now into the candidate directory. */
    public CompiledStore compile() throws IOException {
        if (providerClass == null || providerClass.isBlank()) {
            compiled = SourceCompiler.failed(storeName, null, "no provider class named: call compile with "
                + "provider_class, the fully qualified name of your StoreProvider");
            return compiled;
        }
        final Map<String, String> sources = workspace.javaSources();
        compiled = SourceCompiler.compile(storeName, providerClass, sources, designLine, candidateDir);
        return compiled;
    }

    private String gate() throws Exception {
        final CompiledStore c = compile();
        if (!c.success()) {
            return "does not compile, so the gate did not run:\n" + describe(c);
        }
        final GateReport report = GateRunner.run(spec, c.jar().toAbsolutePath().toString(), gateLevel,
            candidateDir.resolve("tool-gate-" + (++runs)), GateOptions.defaults().failingFast()
                .withProbes(probes.get()));
        final StringBuilder sb = new StringBuilder(report.passed() ? "gate PASSED\n" : "gate FAILED\n");
        for (final CheckResult r : report.checks()) {
            sb.append(r.line()).append('\n');
        }
        return sb.toString();
    }

    private String bench() throws Exception {
        if (compiled == null || !compiled.success()) {
            return "nothing compiled yet: call compile (or run_gate) first";
        }
        final long seed = seeds.nextLong();
        final BenchResult b = ForkedBench.run(new BenchRequest(specFile, compiled.jar().toAbsolutePath().toString(),
            0, benchDuration, seed, candidateDir.resolve("tool-bench-" + (++runs)), false, List.of(),
            benchDuration.multipliedBy(3).plusMinutes(3)), spec, seed, ProgressListener.NONE);
        if (!b.ok()) {
            return "benchmark failed: " + b.failure();
        }
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.3f Mops/s%n", b.mops()));
        b.indicators().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        b.storeMetrics().forEach((k, v) -> sb.append("store.").append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    static String describe(final CompiledStore c) {
        if (c.success()) {
            return "compiled: " + c.jar().getFileName() + " in " + c.compileMillis() + " ms";
        }
        final List<String> d = c.diagnostics();
        return "compile FAILED (" + d.size() + " diagnostics):\n" + String.join("\n", d.subList(0, Math.min(30,
            d.size())));
    }

    private static String text(final Part.ToolCall call, final String field) throws IOException {
        final var node = call.input().get(field);
        if (node == null || !node.isTextual()) {
            throw new IOException("missing string argument '" + field + "'");
        }
        return node.asText();
    }

    @Override
    public boolean finished() {
        return finished;
    }

    public String summary() {
        return summary;
    }

    public String providerClass() {
        return providerClass;
    }

    /** Tool calls refused for leaving the workspace. */
    public int escapes() {
        return escapes;
    }
}
