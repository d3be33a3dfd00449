package io.jitskit.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmJobTest {

    @TempDir
    Path dir;

    @Test
    void sacctLinesReadAsEndsOnlyWhenTheJobHasEnded() {
        final SlurmJob job = new SlurmJob(7);
        assertNull(SlurmJob.parse(job, "RUNNING|0:0"));
        assertNull(SlurmJob.parse(job, "PENDING|0:0"));
        final SlurmJob.Outcome done = SlurmJob.parse(job, "COMPLETED|0:0");
        assertTrue(done.completed());
        assertFalse(done.clusterFault());
        final SlurmJob.Outcome failed = SlurmJob.parse(job, "FAILED|3:0");
        assertEquals(3, failed.exitCode());
        assertFalse(failed.completed());
        assertFalse(failed.clusterFault(), "the command failed: running it again would fail again");
        assertTrue(SlurmJob.parse(job, "CANCELLED by 0|0:15").clusterFault());
        assertTrue(SlurmJob.parse(job, "CANCELLED+|0:0").clusterFault());
        assertTrue(SlurmJob.parse(job, "NODE_FAIL|0:0").clusterFault());
        assertTrue(SlurmJob.parse(job, "TIMEOUT|0:0").clusterFault());
        assertEquals("job 7 FAILED (exit 3)", failed.describe());
    }

    @Test
    void aCommandLineSurvivesTheShellWordForWord() throws Exception {
        final List<String> words = List.of("printf", "%s|", "it's", "a b", "$HOME", "`x`", "\"q\"", "");
        final Process p = new ProcessBuilder("sh", "-c", SlurmJob.shellQuote(words)).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals("it's|a b|$HOME|`x`|\"q\"||", out);
    }

    @Test
    void aMissingSlurmClientIsNamedWithTheFix() throws Exception {
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        final IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> SlurmJob.run(List.of(bin.resolve("sbatch").toString(), "--version")));
        assertTrue(e.getMessage().contains("bin/slurm-local start"), e.getMessage());
    }
}
