package io.jitskit.report.compare;

import io.jitskit.harness.bench.BenchRequest;
import io.jitskit.harness.bench.BenchResult;
import io.jitskit.harness.driver.ProgressListener;
import io.jitskit.harness.fork.ForkedBench;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import io.jitskit.spec.SpecWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs each benchmark in a fresh child JVM through {@link ForkedBench}, held to the card's budget, with the
 * configuration's knobs as system properties. Each run keeps its {@code result.json} under
 * {@code runs/<configuration>/round-<n>/} of the comparison directory.
 */
public final class ForkedRunExecutor implements RunExecutor {

    /** The directory under the comparison directory that holds each run's own files. */
    public static final String RUNS_DIR = "runs";
    /** Where cards derived for {@code store@level} variants are written. */
    public static final String CARDS_DIR = "cards";

    private final Path specFile;
    private final Spec spec;
    private final int threads;
    private final Duration duration;
    private final Path outDir;
    private final List<String> jvmArgs;
    private final Duration deadline;

    /**
     * @param threads  worker threads, 0 for the spec's
     * @param duration run-phase length overriding the spec's, or null
     * @param jvmArgs  JVM options every child gets (a store's documented flags), before the knob properties
     * @param deadline a child still running this long after its start is killed and its run reported as hung
     */
    public ForkedRunExecutor(final Path specFile, final Spec spec, final int threads, final Duration duration,
                             final Path outDir, final List<String> jvmArgs, final Duration deadline) {
        this.specFile = specFile;
        this.spec = spec;
        this.threads = threads;
        this.duration = duration;
        this.outDir = outDir;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.deadline = deadline;
    }

    @Override
    public BenchResult run(final StoreVariant variant, final int round, final long seed,
                           final ProgressListener progress) throws IOException, InterruptedException {
        final List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(variant.jvmArgs());
        final Spec card = variant.card(spec);
        final Path cardFile = card == spec ? specFile : writeCard(outDir, spec, card, variant.durability());
        final BenchRequest request = new BenchRequest(cardFile, variant.store(), threads, duration, seed,
            runDir(outDir, variant, round), false, args, deadline);
        return ForkedBench.run(request, card, seed, progress);
    }

    /**
     * Writes a card derived for a {@code store@level} variant under {@code outDir/cards/}, beside the runs, where a
     * reader of the comparison or bench finds what the store really ran on; returns the file.
     */
    public static Path writeCard(final Path outDir, final Spec spec, final Spec card, final Durability.Level level)
        throws IOException {
        final Path file = outDir.resolve(CARDS_DIR).resolve(safeName(spec.name() + "@"
            + level.name().toLowerCase(Locale.ROOT)) + ".yaml");
        SpecWriter.write(card, file);
        return file;
    }

    @Override
    public String resultFile(final RunRecord run) {
        return outDir.relativize(runDir(outDir, run.variant(), run.round()).resolve("result.json")).toString();
    }

    /** Where the run of {@code variant} in {@code round} keeps its files. */
    public static Path runDir(final Path outDir, final StoreVariant variant, final int round) {
        return outDir.resolve(RUNS_DIR).resolve(safeName(variant.label())).resolve("round-" + round);
    }

    /** A label as a file name: anything but letters, digits, '.', '_', '-', '=' and '@' becomes '_'. */
    static String safeName(final String label) {
        return label.replaceAll("[^A-Za-z0-9._=@-]", "_");
    }
}
