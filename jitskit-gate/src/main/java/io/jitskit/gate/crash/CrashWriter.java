package io.jitskit.gate.crash;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.gate.Lane;
import io.jitskit.gate.StoreUnderTest;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * The process a crash test kills. It opens the store (on the lossy file layer in fault mode), runs one thread per
 * session through the {@link CrashWorkload} as fast as it can, records issued and acknowledged serials on the
 * {@link Scoreboard}, checkpoints once when every session has finished its load, then (fuzzy scenarios) again every
 * few milliseconds while the writers run. It never stops on its own before {@link #MAX_LIFE}: SIGKILL ends it.
 *
 * <p>Standard output, one line each: {@code CHECKPOINT <id> <session>=<serial> ...} after each checkpoint returned;
 * {@code ERROR <throwable>} before exiting with status 2 when the store threw.
 */
public final class CrashWriter {

    /** A writer whose gate has gone away must not run forever. */
    static final Duration MAX_LIFE = Duration.ofMinutes(3);

    static final String CHECKPOINT = "CHECKPOINT";
    static final String ERROR = "ERROR";

    private static final PrintStream OUT = System.out;

    private CrashWriter() {
    }

    /**
     * Runs until killed.
     *
     * @param dataDir            the store's directory: a lossy path in fault mode
     * @param checkpointEveryMs  pause between fuzzy checkpoints
     */
    public static void run(final StoreUnderTest sut, final CrashWorkload workload, final Path dataDir,
                           final Path scoreboardFile, final long checkpointEveryMs, final boolean fuzzy)
        throws Exception {
        final int sessions = workload.sessions();
        final Store store = sut.provider().open(new StoreContext(sut.specFor(dataDir), dataDir));
        final Scoreboard scoreboard = Scoreboard.map(scoreboardFile, sessions);
        final CyclicBarrier loaded = new CyclicBarrier(sessions + 1);
        final CountDownLatch go = new CountDownLatch(1);
        for (int s = 0; s < sessions; s++) {
            final int id = s;
            Thread.ofPlatform().daemon().name("crash-session-" + s).start(() -> {
                try (Arena arena = Arena.ofConfined(); Session session = store.openSession(id)) {
                    final Lane lane = workload.bench().lane(arena);
                    while (true) {
                        final long serial = session.serial() + 1;
                        scoreboard.issuing(id, serial);
                        workload.issueNext(session, lane);
                        scoreboard.acknowledged(id, serial);
                        if (serial == workload.keysPerSession()) {
                            loaded.await();
                            go.await();
                        }
                    }
                } catch (final Throwable t) {
                    die(t);
                }
            });
        }
        loaded.await();
        print(store.checkpoint());
        go.countDown();
        final long deadline = System.nanoTime() + MAX_LIFE.toNanos();
        while (System.nanoTime() < deadline) {
            if (fuzzy) {
                TimeUnit.MILLISECONDS.sleep(checkpointEveryMs);
                print(store.checkpoint());
            } else {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        die(new IllegalStateException("not killed within " + MAX_LIFE + "; the gate is gone"));
    }

    private static void print(final Checkpoint checkpoint) {
        final StringBuilder line = new StringBuilder(CHECKPOINT).append(' ').append(checkpoint.id());
        new TreeMap<>(checkpoint.serials()).forEach((id, serial) -> line.append(' ').append(id).append('=')
            .append(serial));
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /** Parses the serials of a {@code CHECKPOINT} or {@code RECOVERED} line, from field {@code from} on. */
    static Map<Integer, Long> serials(final String line, final int from) {
        final Map<Integer, Long> serials = new TreeMap<>();
        final String[] fields = line.split(" ");
        for (int i = from; i < fields.length; i++) {
            final int eq = fields[i].indexOf('=');
            serials.put(Integer.parseInt(fields[i].substring(0, eq)), Long.parseLong(fields[i].substring(eq + 1)));
        }
        return serials;
    }

    private static void die(final Throwable t) {
        synchronized (OUT) {
            OUT.println(ERROR + " " + t);
            OUT.flush();
        }
        t.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(2);
    }
}
