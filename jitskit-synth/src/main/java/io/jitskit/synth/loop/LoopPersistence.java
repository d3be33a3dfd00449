package io.jitskit.synth.loop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code state.json}: what a resumed run needs beyond {@code trajectory.json}.
 *
 * <p>Designs are stored as their keys and the key of the design each was derived from; on resume they are rebuilt
 * by walking from the engine's initial design through {@link Blueprint#neighbours()}, which are deterministic, so
 * no engine's design record needs a serialized form of its own.
 */
final class LoopPersistence {

    static final String FILE = "state.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One built design; {@code realization} is its store's source hash (null when it did not compile, and in state
     * files written before it was kept).
     */
    record Built(int iteration, String key, String parentKey, String change, boolean passed, String realization) { }

    /** The persisted state. */
    record Saved(String schema, String spec, List<Built> built, String bestKey, double bestMops, int bestIteration,
                 List<Whiteboard.Entry> whiteboard, List<String> decisions) { }

    static final String SCHEMA = "jitskit.synth-state/1";

    private LoopPersistence() {
    }

    static void save(final LoopState state, final Path out, final Plan plan) throws IOException {
        final List<Built> built = state.built;
        final boolean passed = state.passed().stream().anyMatch(b -> b.key().equals(plan.blueprint().key()));
        built.add(new Built(state.iterationsDone(), plan.blueprint().key(), plan.parentKey(), plan.change(), passed,
            state.realizationOf(state.iterationsDone())));
        final Saved saved = new Saved(SCHEMA, state.spec().name(), built,
            state.best() == null ? null : state.best().key(), state.bestMops(), state.bestIteration(),
            state.whiteboard().entries(), state.brief().decisions());
        final Path tmp = out.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), saved);
        Files.move(tmp, out.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Restores {@code state} from {@code out}, or returns null when there is nothing to resume.
     *
     * @throws IOException when the files are there but unusable; the message names the file and the fix
     */
    static Trajectory resume(final LoopState state, final Path out, final Spec spec,
                             final Function<Spec, Blueprint> initial) throws IOException {
        final Path file = out.resolve(FILE);
        final Path trajectoryFile = out.resolve(TrajectoryIo.FILE_NAME);
        if (!Files.exists(file) || !Files.exists(trajectoryFile)) {
            return null;
        }
        final Saved saved = JSON.readValue(file.toFile(), Saved.class);
        if (!SCHEMA.equals(saved.schema()) || !spec.name().equals(saved.spec())) {
            throw new IOException(out + ": holds a run of '" + saved.spec() + "' (" + saved.schema()
                + "); give another --out directory for " + spec.name());
        }
        final Trajectory trajectory = TrajectoryIo.read(trajectoryFile);
        final Map<String, Blueprint> byKey = new HashMap<>();
        final Blueprint first = initial.apply(spec);
        byKey.put(first.key(), first);
        for (final Built b : saved.built()) {
            if (byKey.containsKey(b.key())) {
                continue;
            }
            final Blueprint parent = b.parentKey() == null ? null : byKey.get(b.parentKey());
            if (parent == null) {
                throw new IOException(file + ": design of iteration " + b.iteration() + " cannot be rebuilt (the "
                    + "engine changed since the run?); start a new run with another --out directory");
            }
            final Blueprint rebuilt = parent.neighbours().stream().filter(n -> n.key().equals(b.key()))
                .findFirst().orElseThrow(() -> new IOException(file + ": design of iteration " + b.iteration()
                    + " is no longer a neighbour of its parent; start a new run with another --out directory"));
            byKey.put(b.key(), rebuilt);
        }
        for (final Built b : saved.built()) {
            final Blueprint bp = byKey.get(b.key());
            state.markTried(bp);
            state.realized(b.realization(), b.iteration());
            if (b.passed()) {
                state.passed(bp);
            }
        }
        for (final Attempt a : trajectory.iterations()) {
            state.record(a);
        }
        saved.whiteboard().forEach(state.whiteboard()::ruleOut);
        saved.decisions().forEach(state.brief()::decide);
        if (saved.bestKey() != null) {
            final Blueprint best = byKey.get(saved.bestKey());
            state.best(best, saved.bestMops(), saved.bestIteration());
            state.brief().current(best.describe(), saved.bestMops());
        }
        state.built.addAll(saved.built());
        return trajectory;
    }

    static void deleteTree(final Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
