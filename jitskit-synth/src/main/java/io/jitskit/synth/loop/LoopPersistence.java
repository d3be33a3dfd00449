package io.jitskit.synth.loop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jitskit.report.synth.Attempt;
import io.jitskit.report.synth.Trajectory;
import io.jitskit.report.synth.TrajectoryIo;
import io.jitskit.spec.Spec;
import io.jitskit.synth.engine.DesignException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code state.json}: what a resumed run needs beyond {@code trajectory.json}.
 *
 * <p>It holds, under schema {@value #SCHEMA}: the card's name; every design built, in order, each with its iteration,
 * its key, the design itself as {@link BlueprintJson} (an engine's knobs, or a model's design in words), the key of
 * the design it was derived from, the change, whether it passed the gate and its store's source hash; the best
 * design's key, figure and iteration; the whiteboard's entries; and the brief's decisions. A resumed run rebuilds
 * every design from its JSON against the card, checks that it has the recorded key, and goes on from there: no move
 * is replayed, so a design that was no neighbour of its parent (a model's, a scripted one) resumes as well as any.
 *
 * <p>State files of schema {@code jitskit.synth-state/1} kept only keys and rebuilt designs by replaying moves from
 * the engine's first design; they are refused with a line that says so, as the replay cannot rebuild a model's
 * designs and is gone.
 */
final class LoopPersistence {

    static final String FILE = "state.json";

    /** The best design as {@link BlueprintJson}, in {@code best/}: with its card, the whole store, for any machine. */
    static final String DESIGN_FILE = "design.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One built design; {@code design} is its {@link BlueprintJson}, {@code realization} its store's source hash (null
     * when it did not compile).
     */
    record Built(int iteration, String key, JsonNode design, String parentKey, String change, boolean passed,
                 String realization) { }

    /** The persisted state. */
    record Saved(String schema, String spec, List<Built> built, String bestKey, double bestMops, int bestIteration,
                 List<Whiteboard.Entry> whiteboard, List<String> decisions) { }

    static final String SCHEMA = "jitskit.synth-state/2";

    /** The schema that kept designs as moves from the first; not resumed. */
    private static final String REPLAYED_SCHEMA = "jitskit.synth-state/1";

    private LoopPersistence() {
    }

    static void save(final LoopState state, final Path out, final Plan plan) throws IOException {
        final List<Built> built = state.built;
        final boolean passed = state.passed().stream().anyMatch(b -> b.key().equals(plan.blueprint().key()));
        built.add(new Built(state.iterationsDone(), plan.blueprint().key(), BlueprintJson.write(plan.blueprint()),
            plan.parentKey(), plan.change(), passed, state.realizationOf(state.iterationsDone())));
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
    static Trajectory resume(final LoopState state, final Path out, final Spec spec) throws IOException {
        final Path file = out.resolve(FILE);
        final Path trajectoryFile = out.resolve(TrajectoryIo.FILE_NAME);
        if (!Files.exists(file) || !Files.exists(trajectoryFile)) {
            return null;
        }
        final Saved saved = JSON.readValue(file.toFile(), Saved.class);
        if (REPLAYED_SCHEMA.equals(saved.schema())) {
            throw new IOException(file + ": written by an older jitskit (" + REPLAYED_SCHEMA + ", designs kept as moves"
                + " to replay), which this one does not resume; start a new run with another --out directory");
        }
        if (!SCHEMA.equals(saved.schema()) || !spec.name().equals(saved.spec())) {
            throw new IOException(out + ": holds a run of '" + saved.spec() + "' (" + saved.schema()
                + "); give another --out directory for " + spec.name());
        }
        final Trajectory trajectory = TrajectoryIo.read(trajectoryFile);
        final Map<String, Blueprint> byKey = new HashMap<>();
        for (final Built b : saved.built()) {
            final Blueprint rebuilt;
            try {
                rebuilt = BlueprintJson.read(b.design(), spec);
            } catch (final DesignException e) {
                throw new IOException(file + ": the design of iteration " + b.iteration() + ": " + e.getMessage(), e);
            }
            if (!rebuilt.key().equals(b.key())) {
                throw new IOException(file + ": the design of iteration " + b.iteration() + " rebuilds as "
                    + rebuilt.key() + ", not " + b.key() + " (the card or the engine changed since the run?); start a"
                    + " new run with another --out directory");
            }
            byKey.put(b.key(), rebuilt);
            state.markTried(rebuilt);
            state.realized(b.realization(), b.iteration());
            if (b.passed()) {
                state.passed(rebuilt);
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

    /** Writes {@code design} as {@link BlueprintJson} to {@code file}. */
    static void writeDesign(final Blueprint design, final Path file) throws IOException {
        JSON.writeValue(file.toFile(), BlueprintJson.write(design));
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
