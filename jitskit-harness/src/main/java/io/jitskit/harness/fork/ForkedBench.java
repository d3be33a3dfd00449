package io.jitskit.harness.fork;

import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.harness.bench.BenchRequest;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.bench.ResultWriter;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.observe.budget.BudgetWatcher;
import io.jitskit.observe.budget.Verdict;
import java.time.Duration;
import io.jitskit.spec.Spec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark in a child JVM and watches it from outside.
 *
 * <p>The child's heap and direct memory are capped at the card's usable bytes (budget less headroom), so a store that
 * overgrows on heap fails fast inside the child; the parent samples the child's charged memory (anonymous and shared
 * resident memory plus the page-cache residency of the store's files) and kills it the moment the charge exceeds the
 * budget, so an overgrowth through native memory or the page cache fails too. A child still running at the deadline
 * is killed and reported as hung.
 */
public final class ForkedBench {

    /** How often the parent samples the child's memory. */
    static final long SAMPLE_MILLIS = 100;

    private ForkedBench() {
    }

    /**
     * @param spec the parsed spec of {@code request.specFile()}
     */
    public static BenchResult run(final BenchRequest request, final Spec spec, final long seed,
                                  final ProgressListener progress) throws IOException, InterruptedException {
        final int threads = request.threads() > 0 ? request.threads() : spec.environment().threads();
        final Path runDir = request.workDir();
        Files.createDirectories(runDir);
        final Path dataDir = runDir.resolve("data");
        final Path resultFile = runDir.resolve("result.json");
        Files.deleteIfExists(resultFile);
        Files.createDirectories(dataDir);
        final long usable = spec.environment().usableBytes();
        final long budget = spec.environment().memoryBudgetBytes();
        final List<String> jvmArgs = new java.util.ArrayList<>(request.jvmArgs());
        try {
            jvmArgs.addAll(StoreFactory.find(request.store()).jvmArgs());
        } catch (final StoreLoadException e) {
            // The child reports the same problem with its own message; nothing more to add here.
        }
        final List<String> cmd = ChildJvm.command(usable, jvmArgs, ChildMain.class.getName(),
            request.specFile().toAbsolutePath().toString(), request.store(), Integer.toString(threads),
            Long.toString(request.duration() == null ? 0 : request.duration().toMillis()), Long.toString(seed),
            dataDir.toString(), resultFile.toString());
        final Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // The moment the charge crosses the budget the child is killed: a store over budget has no result to give.
        final BudgetWatcher watcher = BudgetWatcher.start(child.pid(), dataDir, budget,
            Duration.ofMillis(SAMPLE_MILLIS), excess -> child.destroyForcibly());
        final Thread pump = pumpProgress(child, progress);
        final long deadlineMillis = request.deadline().toMillis();
        final boolean exited = child.waitFor(deadlineMillis, TimeUnit.MILLISECONDS);
        if (!exited) {
            child.destroyForcibly();
            child.waitFor();
        }
        final Verdict verdict = watcher.stop();
        pump.join(1000);
        final BenchResult.MemorySummary memory = ChildJvm.summarize(watcher, verdict);
        BenchResult result;
        if (Files.exists(resultFile)) {
            result = ResultWriter.readJson(resultFile);
        } else {
            result = null;
        }
        String failure = null;
        if (memory.violation() != null) {
            failure = "memory budget exceeded: " + memory.violation();
        } else if (!exited) {
            failure = "hung: still running after " + request.deadline().toSeconds() + " s; killed";
        } else if (result == null && child.exitValue() == ChildJvm.EXIT_OUT_OF_MEMORY) {
            failure = "memory budget exceeded: out of Java heap, which is capped at the card's usable "
                + (usable >> 20) + " MiB (budget less headroom)";
        } else if (result == null) {
            failure = "child JVM exited with code " + child.exitValue() + " and no result (see its output above)";
        }
        if (result == null) {
            result = new BenchResult(BenchResult.SCHEMA, spec.name(), request.specFile().toString(),
                new BenchResult.StoreSummary(request.store(), "unknown", java.util.Map.of()), threads, seed,
                java.time.Instant.now().toString(), null, null, memory, java.util.Map.of(), java.util.Map.of(),
                "failed", failure);
        } else if (failure != null) {
            result = result.withMemory(memory, "failed", failure);
        } else {
            result = result.withMemory(memory, result.verdict(), result.failure());
        }
        ResultWriter.writeJson(result, resultFile);
        if (!request.keepData()) {
            ChildJvm.deleteRecursively(dataDir);
        }
        return result;
    }

    private static Thread pumpProgress(final Process child, final ProgressListener progress) {
        final Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(ChildMain.TICK)) {
                        final String[] f = line.substring(ChildMain.TICK.length()).split(" ");
                        progress.onTick(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]));
                    } else {
                        System.err.println(line);
                    }
                }
            } catch (final IOException | RuntimeException e) {
                // The child died mid-line; its exit status tells the story.
            }
        }, "jitskit-child-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

}
