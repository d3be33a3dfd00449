package io.jitskit.testsupport;

import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.api.StoreContext;
import io.jitskit.api.StoreFactory;
import io.jitskit.api.StoreLoadException;
import io.jitskit.api.StoreProvider;
import io.jitskit.spec.Durability;
import io.jitskit.spec.Spec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The SIGKILL crash drill, after FASTER's recovery tests: run a store in a child JVM ({@link CrashDrillChild}) with
 * sessions writing deterministic operations and fuzzy checkpoints taken while they run, kill the child with SIGKILL
 * at a chosen moment, recover the store's directory in this JVM and check that
 * <ol>
 *   <li>the child really died of SIGKILL (exit status 137), not of its own accord;</li>
 *   <li>each session recovered to at least the serial of the last checkpoint the child printed before it died
 *       (never below an acknowledged checkpoint);</li>
 *   <li>each session recovered to at most the serial it had issued (the child writes it to a shared mapped file
 *       before each operation, so the bound is exact);</li>
 *   <li>under {@code COMMIT}, each session recovered at least what had been acknowledged a safe margin (four
 *       group-commit intervals plus 500 ms) before the kill;</li>
 *   <li>the recovered state is exactly the per-session prefix the recovery reports: every key holds the bytes the
 *       {@link DrillWorkload} computes for those prefixes, and nothing else;</li>
 *   <li>sessions reopened continue from the recovered serials, and the recovered store works: more operations, a
 *       checkpoint, a clean reopen, and the state is again exact.</li>
 * </ol>
 * A failure throws an {@link AssertionError} naming the seed, the kill time and everything seen.
 *
 * <p>Linux's {@link Process#destroyForcibly()} sends SIGKILL; the exit status check proves it on every run.
 */
public final class CrashDrill {

    /** Exit status of a process killed by SIGKILL: 128 + signal 9. */
    public static final int SIGKILL_EXIT_STATUS = 128 + 9;

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final int CONTINUED_OPERATIONS = 200;

    /**
     * One drill.
     *
     * @param provider             the store: a provider class name on the class path, a registered store name, or
     *                             the path of a store jar (what {@link #locate} accepts)
     * @param durability           the spec's durability
     * @param sessions             writer sessions (threads) in the child
     * @param keysPerSession       plain keys each session owns
     * @param countersPerSession   counter keys each session owns
     * @param valueSize            bytes of every value (the spec's fixed size); at least 16
     * @param checkpointEveryMillis pause between checkpoints in the child; 0 for no checkpoints at all
     * @param seed                 the workload's seed
     * @param killAfterMillis      time from the child's first completed checkpoint (READY when it takes none) to
     *                             the kill, plus the commit margin under COMMIT
     * @param quiesce              stop the sessions before waiting out the commit margin, so that the last
     *                             acknowledged operations can reach the log only through group commit (the check
     *                             of COMMIT that a busy log cannot make, since a full buffer is written anyway)
     */
    public record Config(String provider, Durability durability, int sessions, int keysPerSession,
                         int countersPerSession, int valueSize, long checkpointEveryMillis, long seed,
                         long killAfterMillis, boolean quiesce) {

        /** Two sessions, 1000 keys and 4 counters each, 32-byte values, a checkpoint every 40 ms, a kill between
         * 0 and 800 ms after the first checkpoint, drawn from {@code seed}. */
        public static Config of(final String provider, final Durability durability, final long seed) {
            final long killAfter = new Random(seed).nextInt(800);
            return new Config(provider, durability, 2, 1000, 4, 32, 40, seed, killAfter, false);
        }

        /** The same drill with no checkpoint taken: recovery must rely on the log alone. */
        public Config withoutCheckpoints() {
            return new Config(provider, durability, sessions, keysPerSession, countersPerSession, valueSize, 0, seed,
                killAfterMillis, quiesce);
        }

        /** The same drill with the sessions stopped before the commit margin; meaningful under COMMIT only. */
        public Config quiescedBeforeKill() {
            return new Config(provider, durability, sessions, keysPerSession, countersPerSession, valueSize,
                checkpointEveryMillis, seed, killAfterMillis, true);
        }

        DrillWorkload workload() {
            return new DrillWorkload(seed, sessions, keysPerSession, countersPerSession, valueSize);
        }

        Spec spec(final Path dataDir) {
            return TestSpecs.drill(durability, valueSize, dataDir);
        }

        List<String> arguments() {
            return List.of("provider=" + provider, "durability=" + durability.level().name(),
                "groupCommitMillis=" + durability.groupCommitInterval().toMillis(), "sessions=" + sessions,
                "keysPerSession=" + keysPerSession, "countersPerSession=" + countersPerSession,
                "valueSize=" + valueSize, "checkpointEveryMillis=" + checkpointEveryMillis, "seed=" + seed,
                "killAfterMillis=" + killAfterMillis, "quiesce=" + quiesce);
        }

        static Config fromArguments(final String[] args) {
            return new Config(CrashDrillChild.argument(args, "provider"),
                CrashDrillChild.parseDurability(CrashDrillChild.argument(args, "durability"),
                    Long.parseLong(CrashDrillChild.argument(args, "groupCommitMillis"))),
                Integer.parseInt(CrashDrillChild.argument(args, "sessions")),
                Integer.parseInt(CrashDrillChild.argument(args, "keysPerSession")),
                Integer.parseInt(CrashDrillChild.argument(args, "countersPerSession")),
                Integer.parseInt(CrashDrillChild.argument(args, "valueSize")),
                Long.parseLong(CrashDrillChild.argument(args, "checkpointEveryMillis")),
                Long.parseLong(CrashDrillChild.argument(args, "seed")),
                Long.parseLong(CrashDrillChild.argument(args, "killAfterMillis")),
                Boolean.parseBoolean(CrashDrillChild.argument(args, "quiesce")));
        }

        /** How to rerun this drill. */
        public String reproducer() {
            return "seed=" + seed + " killAfterMillis=" + killAfterMillis + " durability=" + durability.level()
                + (durability.level() == Durability.Level.COMMIT
                    ? "/" + durability.groupCommitInterval().toMillis() + "ms" : "")
                + " checkpointEveryMillis=" + checkpointEveryMillis + " quiesce=" + quiesce + " provider=" + provider;
        }
    }

    /**
     * What a passing drill saw.
     *
     * @param checkpointsSeen checkpoints the child printed before it died
     * @param lastCheckpoint  the serials of the last of them (empty when none)
     * @param recovered       the serials recovery reported
     * @param issued          the serials each session had issued when it died
     */
    public record Outcome(Config config, int checkpointsSeen, Map<Integer, Long> lastCheckpoint,
                          Map<Integer, Long> recovered, Map<Integer, Long> issued) {
        @Override
        public String toString() {
            return config.reproducer() + ": " + checkpointsSeen + " checkpoints, last " + lastCheckpoint
                + ", recovered " + recovered + ", issued " + issued;
        }
    }

    private CrashDrill() {
    }

    /**
     * Finds a provider by class name (instantiated with its no-argument constructor), registered name, or store jar.
     */
    public static StoreProvider locate(final String provider) throws StoreLoadException {
        try {
            return (StoreProvider) Class.forName(provider).getDeclaredConstructor().newInstance();
        } catch (final ClassNotFoundException e) {
            return StoreFactory.find(provider);
        } catch (final ReflectiveOperationException | ClassCastException e) {
            throw new StoreLoadException(provider + ": not a store provider with a public no-argument constructor ("
                + e + ")", e);
        }
    }

    /**
     * Runs one drill in {@code workDir} (which must be empty), recovering with {@code provider} in this JVM.
     *
     * @throws AssertionError when any check fails, naming the reproducer
     */
    public static Outcome run(final StoreProvider provider, final Config config, final Path workDir)
        throws IOException, InterruptedException {
        final Path dataDir = workDir.resolve("store");
        final Path scoreboardFile = workDir.resolve("scoreboard.bin");
        final Path stderr = workDir.resolve("child-stderr.txt");
        final List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(provider.jvmArgs());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashDrillChild.class.getName()));
        command.addAll(config.arguments());
        command.add("data=" + dataDir);
        command.add("scoreboard=" + scoreboardFile);
        final Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        final ChildOutput output = new ChildOutput(child.getInputStream());
        final Thread reader = Thread.ofPlatform().daemon().name("crash-drill-stdout").start(output);
        final Map<Integer, Long> ackedBeforeMargin = new HashMap<>();
        final boolean aliveAtKill;
        try {
            // The clock starts at the first checkpoint so that every kill has one to be checked against.
            final CountDownLatch start = config.checkpointEveryMillis() > 0 ? output.firstCheckpoint : output.ready;
            if (!start.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw failure(config, "the child did not start (or checkpoint) within " + READY_TIMEOUT_SECONDS
                    + " s", output, stderr);
            }
            TimeUnit.MILLISECONDS.sleep(config.killAfterMillis());
            if (config.durability().level() == Durability.Level.COMMIT) {
                try (DrillScoreboard scoreboard = DrillScoreboard.map(scoreboardFile, config.sessions())) {
                    if (config.quiesce()) {
                        quiesce(scoreboard);
                    }
                    for (int s = 0; s < config.sessions(); s++) {
                        ackedBeforeMargin.put(s, scoreboard.acknowledged(s));
                    }
                }
                TimeUnit.MILLISECONDS.sleep(commitMarginMillis(config.durability()));
            }
            aliveAtKill = child.isAlive();
        } finally {
            child.destroyForcibly();
            child.waitFor();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (!aliveAtKill || child.exitValue() != SIGKILL_EXIT_STATUS) {
            throw failure(config, "the child " + (aliveAtKill ? "" : "had already died; it ") + "exited with status "
                + child.exitValue() + ", not " + SIGKILL_EXIT_STATUS + " (SIGKILL)", output, stderr);
        }
        final Map<Integer, Long> issued = new HashMap<>();
        final Map<Integer, Long> acked = new HashMap<>();
        try (DrillScoreboard scoreboard = DrillScoreboard.map(scoreboardFile, config.sessions())) {
            for (int s = 0; s < config.sessions(); s++) {
                issued.put(s, scoreboard.issued(s));
                acked.put(s, scoreboard.acknowledged(s));
            }
        }
        final Outcome outcome = new Outcome(config, output.checkpointCount(), output.lastCheckpoint(),
            Map.of(), issued);
        final Map<Integer, Long> recovered = recoverAndCheck(provider, config, dataDir, outcome, ackedBeforeMargin,
            acked, output, stderr);
        return new Outcome(config, output.checkpointCount(), output.lastCheckpoint(), recovered, issued);
    }

    private static Map<Integer, Long> recoverAndCheck(final StoreProvider provider, final Config config,
                                                      final Path dataDir, final Outcome seen,
                                                      final Map<Integer, Long> ackedBeforeMargin,
                                                      final Map<Integer, Long> acked, final ChildOutput output,
                                                      final Path stderr) throws IOException {
        final DrillWorkload workload = config.workload();
        final Spec spec = config.spec(dataDir);
        final int verifierSession = config.sessions() + 1;
        final Map<Integer, Long> prefixes = new HashMap<>();
        final Map<Integer, Long> recovered = new HashMap<>();
        try (Store store = provider.open(new StoreContext(spec, dataDir))) {
            final Recovery recovery = store.recovery();
            for (int s = 0; s < config.sessions(); s++) {
                final long serial = recovery.serialOf(s);
                prefixes.put(s, serial);
                final long checkpointed = seen.lastCheckpoint().getOrDefault(s, 0L);
                if (serial < checkpointed) {
                    throw failure(config, "session " + s + " recovered to serial " + serial + ", below the "
                        + checkpointed + " of a checkpoint the store reported complete", output, stderr);
                }
                if (serial > seen.issued().get(s)) {
                    throw failure(config, "session " + s + " recovered to serial " + serial + ", beyond the "
                        + seen.issued().get(s) + " it had issued", output, stderr);
                }
                final Long committed = ackedBeforeMargin.get(s);
                if (committed != null && serial < committed) {
                    throw failure(config, "session " + s + " recovered to serial " + serial + ", but serial "
                        + committed + " had been acknowledged " + commitMarginMillis(config.durability())
                        + " ms before the kill under durability commit (acknowledged at the kill: " + acked.get(s)
                        + ")", output, stderr);
                }
            }
            recovered.putAll(prefixes);
            final String difference = workload.verify(store, prefixes, verifierSession);
            if (difference != null) {
                throw failure(config, "the recovered state is not the reported prefix " + prefixes + ": "
                    + difference, output, stderr);
            }
            // The recovered store must go on: sessions continue their numbering, and new work is recovered too.
            try (Arena arena = Arena.ofConfined()) {
                final DrillWorkload.Buffers buffers = workload.buffers(arena);
                for (int s = 0; s < config.sessions(); s++) {
                    try (Session session = store.openSession(s)) {
                        if (session.serial() != prefixes.get(s)) {
                            throw failure(config, "session " + s + " reopened at serial " + session.serial()
                                + ", not at its recovered " + prefixes.get(s), output, stderr);
                        }
                        for (int i = 0; i < CONTINUED_OPERATIONS; i++) {
                            workload.issueNext(session, buffers);
                        }
                        prefixes.put(s, session.serial());
                    }
                }
            }
            store.checkpoint();
        }
        try (Store store = provider.open(new StoreContext(spec, dataDir))) {
            for (int s = 0; s < config.sessions(); s++) {
                if (store.recovery().serialOf(s) != prefixes.get(s)) {
                    throw failure(config, "after continuing, a checkpoint and a clean reopen, session " + s
                        + " recovered to " + store.recovery().serialOf(s) + ", not " + prefixes.get(s), output,
                        stderr);
                }
            }
            final String difference = workload.verify(store, prefixes, verifierSession);
            if (difference != null) {
                throw failure(config, "after continuing, a checkpoint and a clean reopen: " + difference, output,
                    stderr);
            }
        }
        return recovered;
    }

    /** Stops the child's sessions and waits until none has an operation in flight. */
    private static void quiesce(final DrillScoreboard scoreboard) throws InterruptedException {
        scoreboard.quiesce();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean inFlight = true;
        while (inFlight && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
            inFlight = false;
            for (int s = 0; s < scoreboard.sessions(); s++) {
                inFlight |= scoreboard.issued(s) != scoreboard.acknowledged(s);
            }
        }
    }

    /** How long before the kill an acknowledged operation must have been to be owed under COMMIT. */
    static long commitMarginMillis(final Durability durability) {
        return 4 * durability.groupCommitInterval().toMillis() + 500;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static AssertionError failure(final Config config, final String what, final ChildOutput output,
                                          final Path stderr) {
        String childErrors;
        try {
            final List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
            childErrors = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (final IOException e) {
            childErrors = "(unreadable: " + e + ")";
        }
        return new AssertionError("crash drill failed: " + what + "\n reproduce with: " + config.reproducer()
            + "\n checkpoints printed: " + output.checkpointCount() + ", last: " + output.lastCheckpoint()
            + "\n other child output: " + output.otherLines() + "\n child stderr (tail):\n  " + childErrors);
    }

    /** Reads the child's standard output until it closes. */
    private static final class ChildOutput implements Runnable {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch firstCheckpoint = new CountDownLatch(1);
        private final List<Map<Integer, Long>> checkpoints = new ArrayList<>();
        private final List<String> other = new ArrayList<>();
        private final InputStream in;

        ChildOutput(final InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    final String[] fields = line.split(" ");
                    if (CrashDrillChild.READY.equals(line)) {
                        ready.countDown();
                    } else if (CrashDrillChild.CHECKPOINT.equals(fields[0])) {
                        synchronized (this) {
                            checkpoints.add(CrashDrillChild.parseSerials(fields, 2));
                        }
                        firstCheckpoint.countDown();
                    } else {
                        synchronized (this) {
                            other.add(line);
                        }
                    }
                }
            } catch (final IOException e) {
                synchronized (this) {
                    other.add("(reading the child's output failed: " + e + ")");
                }
            } finally {
                // A child that died early: let the parent see it now, not at the timeout.
                ready.countDown();
                firstCheckpoint.countDown();
            }
        }

        synchronized int checkpointCount() {
            return checkpoints.size();
        }

        synchronized List<String> otherLines() {
            return List.copyOf(other);
        }

        synchronized Map<Integer, Long> lastCheckpoint() {
            return checkpoints.isEmpty() ? Map.of() : checkpoints.getLast();
        }
    }
}
