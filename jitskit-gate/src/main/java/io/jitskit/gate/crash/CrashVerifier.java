package io.jitskit.gate.crash;

import io.jitskit.api.Recovery;
import io.jitskit.api.Session;
import io.jitskit.api.Store;
import io.jitskit.gate.Lane;
import io.jitskit.gate.StoreUnderTest;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fresh JVM that recovers what a killed {@link CrashWriter} left. It opens the store, prints the serials recovery
 * reports, compares the whole state with the workload's replay of those prefixes, then checks the store goes on:
 * sessions reopen at their recovered serials, issue more operations, a checkpoint and a clean reopen restore exactly
 * the new prefixes.
 *
 * <p>Standard output: {@code RECOVERED <checkpointId> <session>=<serial> ...}, then {@code VERIFIED <values>} or
 * {@code MISMATCH <what>}, then {@code CONTINUED <values>} or {@code MISMATCH <what>}.
 */
public final class CrashVerifier {

    static final String RECOVERED = "RECOVERED";
    static final String VERIFIED = "VERIFIED";
    static final String CONTINUED = "CONTINUED";
    static final String MISMATCH = "MISMATCH";

    private static final int CONTINUED_OPERATIONS = 300;
    private static final PrintStream OUT = System.out;

    private CrashVerifier() {
    }

    public static void run(final StoreUnderTest sut, final CrashWorkload workload, final Path dataDir)
        throws Exception {
        final int sessions = workload.sessions();
        final Map<Integer, Long> prefixes = new TreeMap<>();
        final long[] verified = new long[1];
        try (Store store = sut.open(dataDir)) {
            final Recovery recovery = store.recovery();
            final StringBuilder line = new StringBuilder(RECOVERED).append(' ').append(recovery.checkpointId());
            for (int s = 0; s < sessions; s++) {
                prefixes.put(s, recovery.serialOf(s));
                line.append(' ').append(s).append('=').append(recovery.serialOf(s));
            }
            OUT.println(line);
            final String difference = workload.verify(store, prefixes, sessions + 1, verified);
            if (difference != null) {
                OUT.println(MISMATCH + " the recovered state is not the reported prefix: " + difference);
                return;
            }
            OUT.println(VERIFIED + " " + verified[0]);
            try (Arena arena = Arena.ofConfined()) {
                final Lane lane = workload.bench().lane(arena);
                for (int s = 0; s < sessions; s++) {
                    try (Session session = store.openSession(s)) {
                        if (session.serial() != prefixes.get(s)) {
                            OUT.println(MISMATCH + " session " + s + " reopened at serial " + session.serial()
                                + ", not at its recovered " + prefixes.get(s));
                            return;
                        }
                        for (int i = 0; i < CONTINUED_OPERATIONS; i++) {
                            workload.issueNext(session, lane);
                        }
                        prefixes.put(s, session.serial());
                    }
                }
            }
            store.checkpoint();
        }
        try (Store store = sut.open(dataDir)) {
            for (int s = 0; s < sessions; s++) {
                if (store.recovery().serialOf(s) != prefixes.get(s)) {
                    OUT.println(MISMATCH + " after continuing, a checkpoint and a clean reopen, session " + s
                        + " recovered to " + store.recovery().serialOf(s) + ", not " + prefixes.get(s));
                    return;
                }
            }
            verified[0] = 0;
            final String difference = workload.verify(store, prefixes, sessions + 1, verified);
            OUT.println(difference == null ? CONTINUED + " " + verified[0]
                : MISMATCH + " after continuing, a checkpoint and a clean reopen: " + difference);
        }
    }
}
