package io.jitskit.testsupport;

import io.jitskit.api.Checkpoint;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The process the crash drill kills. It opens the store, runs the {@link DrillWorkload} on one thread per session
 * as fast as it can, records issued and acknowledged serials in the {@link DrillScoreboard}, takes a fuzzy checkpoint
 * every few milliseconds while the writers run, and prints each completed checkpoint. It never stops on its own
 * before {@link #MAX_LIFE}: the parent ends it with SIGKILL.
 *
 * <p>Protocol on standard output, one line each:
 * <pre>
 *   READY
 *   CHECKPOINT &lt;id&gt; &lt;session&gt;=&lt;serial&gt; ...      after checkpoint() returned
 *   ERROR &lt;exception&gt;                                   then exit code 2
 * </pre>
 * Arguments are {@code name=value} pairs written by {@link CrashDrill}.
 */
public final class CrashDrillChild {

    /** A child whose parent has gone away must not run forever. */
    static final Duration MAX_LIFE = Duration.ofSeconds(60);

    static final String READY = "READY";
    static final String CHECKPOINT = "CHECKPOINT";
    static final String ERROR = "ERROR";

    private static final PrintStream OUT = System.out;

    private CrashDrillChild() {
    }

    public static void main(final String[] args) {
        try {
            run(CrashDrill.Config.fromArguments(args), Path.of(argument(args, "data")),
                Path.of(argument(args, "scoreboard")));
        } catch (final Throwable t) {
            fail(t);
        }
    }

    private static void run(final CrashDrill.Config config, final Path dataDir, final Path scoreboardFile)
        throws Exception {
        final StoreProvider provider = CrashDrill.locate(config.provider());
        final DrillWorkload workload = config.workload();
        final Store store = provider.open(new StoreContext(config.spec(dataDir), dataDir));
        final DrillScoreboard scoreboard = DrillScoreboard.map(scoreboardFile, config.sessions());
        for (int s = 0; s < config.sessions(); s++) {
            final int sessionId = s;
            Thread.ofPlatform().daemon().name("drill-session-" + s).start(() -> {
                try (Arena arena = Arena.ofConfined(); Session session = store.openSession(sessionId)) {
                    final DrillWorkload.Buffers buffers = workload.buffers(arena);
                    while (true) {
                        if (scoreboard.quiesced()) {
                            TimeUnit.MILLISECONDS.sleep(1);
                            continue;
                        }
                        final long serial = session.serial() + 1;
                        scoreboard.issuing(sessionId, serial);
                        workload.issueNext(session, buffers);
                        scoreboard.acknowledged(sessionId, serial);
                    }
                } catch (final Throwable t) {
                    fail(t);
                }
            });
        }
        print(READY);
        final long deadline = System.nanoTime() + MAX_LIFE.toNanos();
        while (System.nanoTime() < deadline) {
            if (config.checkpointEveryMillis() <= 0) {
                TimeUnit.MILLISECONDS.sleep(100);
                continue;
            }
            TimeUnit.MILLISECONDS.sleep(config.checkpointEveryMillis());
            final Checkpoint checkpoint = store.checkpoint();
            print(CHECKPOINT + " " + checkpoint.id() + " " + format(checkpoint.serials()));
        }
        fail(new IllegalStateException("not killed within " + MAX_LIFE + "; the parent is gone"));
    }

    static String format(final Map<Integer, Long> serials) {
        final StringBuilder sb = new StringBuilder();
        new TreeMap<>(serials).forEach((id, serial) -> sb.append(sb.isEmpty() ? "" : " ").append(id).append('=')
            .append(serial));
        return sb.toString();
    }

    /** Parses what {@link #format} wrote, from {@code fields[from]} on. */
    static Map<Integer, Long> parseSerials(final String[] fields, final int from) {
        final Map<Integer, Long> serials = new HashMap<>();
        for (int i = from; i < fields.length; i++) {
            final int eq = fields[i].indexOf('=');
            serials.put(Integer.parseInt(fields[i].substring(0, eq)), Long.parseLong(fields[i].substring(eq + 1)));
        }
        return serials;
    }

    static String argument(final String[] args, final String name) {
        for (final String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("crash drill child: missing argument " + name + "=...; it is started by "
            + "CrashDrill, which passes every argument");
    }

    static Durability parseDurability(final String level, final long groupCommitMillis) {
        return Durability.of(Durability.Level.valueOf(level), Duration.ofMillis(groupCommitMillis));
    }

    private static void print(final String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    private static void fail(final Throwable t) {
        print(ERROR + " " + t);
        t.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(2);
    }
}
