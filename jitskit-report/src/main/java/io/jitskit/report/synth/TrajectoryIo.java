package io.jitskit.report.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code trajectory.json}; a reader names the file and field of anything it cannot accept. */
public final class TrajectoryIo {

    /** The file name inside a synthesis run directory. */
    public static final String FILE_NAME = "trajectory.json";

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TrajectoryIo() {
    }

    /** Writes atomically (temp file, then rename), so a report drawn mid-run never sees half a file. */
    public static void write(final Trajectory trajectory, final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), trajectory);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a trajectory, rejecting another schema and iterations out of order.
     *
     * @throws IOException with a one-line message naming the file, the field and the fix
     */
    public static Trajectory read(final Path file) throws IOException {
        final Trajectory t;
        try {
            t = JSON.readValue(file.toFile(), Trajectory.class);
        } catch (final JsonMappingException e) {
            final StringBuilder field = new StringBuilder();
            for (final JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(r.getFieldName());
                } else {
                    field.append('[').append(r.getIndex()).append(']');
                }
            }
            throw new IOException(file + ": field " + (field.isEmpty() ? "(root)" : field) + ": "
                + rootMessage(e) + "; write it with io.jitskit.report.synth.TrajectoryIo", e);
        } catch (final JsonProcessingException e) {
            throw new IOException(file + ": line " + e.getLocation().getLineNr() + ": not valid JSON ("
                + e.getOriginalMessage() + ")", e);
        }
        if (!Trajectory.SCHEMA.equals(t.schema())) {
            throw new IOException(file + ": field schema: '" + t.schema() + "' is not '" + Trajectory.SCHEMA
                + "'; rewrite the trajectory with this version of jitskit");
        }
        int previous = 0;
        for (int i = 0; i < t.iterations().size(); i++) {
            final int it = t.iterations().get(i).iteration();
            if (it <= previous) {
                throw new IOException(file + ": field iterations[" + i + "].iteration: " + it + " does not follow "
                    + previous + "; iterations must be numbered 1, 2, 3 ... in order");
            }
            previous = it;
        }
        return t;
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        final String m = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
