package io.jitskit.report.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.report.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryIoTest {

    @TempDir
    Path dir;

    @Test
    void aTrajectoryRoundTripsWithOutcomesInTheirWireNames() throws Exception {
        final Trajectory t = Fixtures.trajectory("tiny.yaml");
        final Path file = dir.resolve(TrajectoryIo.FILE_NAME);
        TrajectoryIo.write(t, file);
        assertEquals(t, TrajectoryIo.read(file));
        final String json = Files.readString(file);
        assertTrue(json.contains("\"schema\" : \"jitskit.synth/1\""), json);
        assertTrue(json.contains("\"outcome\" : \"rejected-gate\"") && json.contains("\"mops\" : null"), json);
        assertEquals(0.8, t.costUsd(), 1e-9);
    }

    @Test
    void appendingAnAttemptKeepsTheRest() {
        final Trajectory t = Fixtures.trajectory("tiny.yaml");
        final Trajectory more = t.plus(new Attempt(6, "d", Outcome.ERROR, null, 5.4, "engine timed out", null, 1, 0),
            t.best());
        assertEquals(6, more.iterations().size());
        assertEquals(t.iterations(), more.iterations().subList(0, 5));
    }

    @Test
    void badFilesAreRejectedNamingFileAndField() throws Exception {
        final Path file = dir.resolve(TrajectoryIo.FILE_NAME);
        Files.writeString(file, """
            {"schema": "jitskit.synth/1", "spec": "tiny", "iterations": [
              {"iteration": 1, "design": "d", "outcome": "fast", "elapsedSeconds": 1, "costUsd": 0}]}
            """);
        final String unknownOutcome = assertThrows(IOException.class, () -> TrajectoryIo.read(file)).getMessage();
        assertTrue(unknownOutcome.startsWith(file + ": field iterations[0].outcome")
            && unknownOutcome.contains("not one of accepted"), unknownOutcome);

        Files.writeString(file, """
            {"schema": "jitskit.synth/1", "spec": "tiny", "iterations": [
              {"iteration": 2, "design": "d", "outcome": "slower", "elapsedSeconds": 1, "costUsd": 0},
              {"iteration": 2, "design": "d", "outcome": "slower", "elapsedSeconds": 1, "costUsd": 0}]}
            """);
        final String outOfOrder = assertThrows(IOException.class, () -> TrajectoryIo.read(file)).getMessage();
        assertTrue(outOfOrder.contains("iterations[1].iteration"), outOfOrder);

        Files.writeString(file, "{\"schema\": \"jitskit.synth/0\", \"spec\": \"tiny\"}");
        assertTrue(assertThrows(IOException.class, () -> TrajectoryIo.read(file)).getMessage()
            .contains("field schema"));
    }
}
