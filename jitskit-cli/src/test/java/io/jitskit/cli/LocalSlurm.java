package io.jitskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jitskit.slurm.SlurmJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one-node cluster of {@code bin/slurm-local} for the tests that need a real scheduler: started once per test
 * JVM (a second start finds the daemons running and only rewrites the config), and named to the Slurm clients this
 * JVM starts through {@link SlurmJob#CONF_PROPERTY}.
 */
final class LocalSlurm {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static String conf;

    private LocalSlurm() {
    }

    /** Starts the cluster unless this JVM already did, and points {@link SlurmJob} at it. */
    static synchronized void start() throws Exception {
        if (conf == null) {
            final Process p = new ProcessBuilder(ROOT.resolve("bin/slurm-local").toString(), "start")
                .redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "bin/slurm-local start: " + out);
            final Process env = new ProcessBuilder(ROOT.resolve("bin/slurm-local").toString(), "env").start();
            final String line = new String(env.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, env.waitFor());
            // export SLURM_CONF='/tmp/.../slurm.conf'
            conf = line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\''));
        }
        System.setProperty(SlurmJob.CONF_PROPERTY, conf);
    }

    static void forget() {
        System.clearProperty(SlurmJob.CONF_PROPERTY);
    }

    /** A Slurm client pointed at the cluster. */
    static ProcessBuilder client(final String... command) {
        final ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("SLURM_CONF", conf);
        return b;
    }

    /** A minute ago, as sacct's {@code -S} takes it (a minute's slack for the clocks of the daemons). */
    static String since() {
        return LocalDateTime.now().minusMinutes(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
    }

    /** The states sacct holds for jobs named {@code name} since {@code start}, in submission order. */
    static List<String> sacctStates(final String name, final String start) throws Exception {
        final Process p = client("sacct", "-n", "-P", "-X", "--name=" + name, "-S", start, "-o", "State").start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out.lines().map(l -> l.split(" ")[0].replace("+", "")).toList();
    }

    /** The ids of the jobs named {@code name} that are running now, or an empty string. */
    static String running(final String name) throws Exception {
        final Process q = client("squeue", "-h", "-n", name, "-t", "RUNNING", "-o", "%i").start();
        final String ids = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        q.waitFor();
        return ids;
    }
}
