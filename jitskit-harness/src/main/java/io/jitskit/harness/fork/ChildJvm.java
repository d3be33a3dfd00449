package io.jitskit.harness.fork;

import io.jitskit.harness.bench.BenchResult;
import io.jitskit.observe.budget.BudgetSample;
import io.jitskit.observe.budget.BudgetWatcher;
import io.jitskit.observe.budget.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** How the harness starts and sizes child JVMs. */
public final class ChildJvm {

    /** The exit code of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int EXIT_OUT_OF_MEMORY = 3;

    /** Smallest heap a child gets whatever the budget, so the harness itself can run. */
    static final long MIN_HEAP_BYTES = 64L << 20;

    private ChildJvm() {
    }

    /** The java binary of this JVM. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * A child command line: this JVM's java and class path, heap and direct memory capped at {@code usableBytes}.
     */
    public static List<String> command(final long usableBytes, final List<String> jvmArgs, final String mainClass,
                                       final String... args) {
        final long heap = Math.max(MIN_HEAP_BYTES, usableBytes);
        final List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.add("-Xmx" + (heap >> 20) + "m");
        cmd.add("-XX:MaxDirectMemorySize=" + (heap >> 20) + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Condenses a watcher's samples; the series keeps at most ~600 points, evenly thinned. */
    static BenchResult.MemorySummary summarize(final BudgetWatcher watcher, final Verdict verdict) {
        final List<BudgetSample> samples = watcher.samples();
        final int step = Math.max(1, samples.size() / 600);
        final List<List<Long>> series = new ArrayList<>();
        long peakPageCache = 0;
        for (int i = 0; i < samples.size(); i++) {
            final BudgetSample s = samples.get(i);
            peakPageCache = Math.max(peakPageCache, s.pageCacheChargedBytes());
            if (i % step == 0) {
                series.add(List.of(s.elapsedNanos() / 1_000_000, s.chargedBytes(), s.pageCacheChargedBytes()));
            }
        }
        final String violation = verdict.exceeded() || verdict.failure() != null ? verdict.describe() : null;
        return new BenchResult.MemorySummary(verdict.budgetBytes(), verdict.peakChargedBytes(), peakPageCache,
            verdict.samples(), series, violation);
    }

    /** Deletes a directory tree; missing is fine. */
    public static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
